using System.Security.Cryptography;
using System.Text;
using Strongroom.Core.Hub;

namespace Strongroom.Core.Sessions;

/// <summary>
/// Checks a presented session cookie, as <see cref="Tokens.VerifyToken"/> checks a bearer token: only its
/// SHA-256 is looked up, and an expired session or a disabled user is no session at all. The CSRF token of a
/// state-changing request is compared in constant time against the session's stored hash.
/// </summary>
public sealed class VerifySession(ISessionStore store, TimeProvider time)
{
    /// <summary>Longest cookie or CSRF value looked at; anything longer is not one of ours.</summary>
    public const int MaxSecretLength = 100;

    /// <summary>The session and its user, or null.</summary>
    public async Task<(Session Session, User User)?> ExecuteAsync(string? cookie, CancellationToken cancellationToken)
    {
        if (cookie is not { Length: > 0 and < MaxSecretLength })
        {
            return null;
        }

        var found = await store.FindByHashAsync(Hash(cookie), cancellationToken).ConfigureAwait(false);
        return found is { } f && f.Session.ExpiresAt > time.GetUtcNow() && f.User.IsActive ? f : null;
    }

    /// <summary>Whether <paramref name="csrf"/> is the CSRF token issued with <paramref name="session"/>.</summary>
    public static bool CsrfMatches(Session session, string? csrf) =>
        csrf is { Length: > 0 and < MaxSecretLength } && CryptographicOperations.FixedTimeEquals(Hash(csrf), session.CsrfHash);

    /// <summary>SHA-256 of a cookie or CSRF value: the only form in which either is stored.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));
}
