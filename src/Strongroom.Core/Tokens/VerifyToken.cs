using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Strongroom.Core.Hub;

namespace Strongroom.Core.Tokens;

/// <summary>
/// Checks a presented token: format and checksum first (no storage touched), then the SHA-256 lookup,
/// then status, expiry, owner and the classic phase-out. Verified tokens are cached briefly by hash.
/// </summary>
public sealed class VerifyToken(ITokenStore store, IMemoryCache cache, IOptions<TokenOptions> options, TimeProvider time)
{
    private readonly TokenOptions _options = options.Value;

    public async ValueTask<TokenVerification> ExecuteAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || !TokenFormat.TryParse(presented, _options.Prefix, out var kind))
        {
            return TokenVerification.Invalid;
        }

        var hash = TokenFormat.Hash(presented);
        var key = CacheKey(hash);
        if (!cache.TryGetValue(key, out (AccessToken Token, User? Owner) entry))
        {
            var found = await store.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false);
            // Re-check the bytes: the lookup is by index, the decision is by constant-time comparison.
            if (found is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(found.Value.Token.Hash, hash))
            {
                return TokenVerification.Invalid;
            }

            entry = found.Value;
            if (_options.CacheTtl > TimeSpan.Zero)
            {
                // Relative to the cache's own clock; expiry and status are re-checked on every use anyway.
                cache.Set(key, entry, _options.CacheTtl);
            }
        }

        return Check(entry.Token, entry.Owner, kind);
    }

    /// <summary>Drops a token from this node's cache (after revoke, rotate or an owner change).</summary>
    public void Forget(byte[] hash) => cache.Remove(CacheKey(hash));

    private TokenVerification Check(AccessToken token, User? owner, TokenKind kind)
    {
        var now = time.GetUtcNow();
        if (token.Kind == kind && token.Status == TokenStatus.Leaked)
        {
            // Said plainly: its owner's scripts fail with the reason and the way out (the token is dead either way).
            return TokenVerification.Failure("token_leaked", "This token was found leaked and has been revoked. Create a new one in your settings and keep it out of code.");
        }

        if (token.Kind != kind || token.Status != TokenStatus.Active)
        {
            return TokenVerification.Invalid;
        }

        if (token.IsExpiredAt(now))
        {
            return TokenVerification.Failure("token_expired", "This token has expired. Create a new one in your settings.");
        }

        if (token.UserId is not null && (owner is null || !owner.IsActive))
        {
            return TokenVerification.Invalid;
        }

        if (token.Kind == TokenKind.Classic && _options.Classic.SunsetAt is { } sunset && now >= sunset)
        {
            return TokenVerification.Failure(
                "classic_token_retired",
                $"Classic read/write tokens were retired on {sunset:yyyy-MM-dd}. Create a fine-grained token in your settings, grant it the permissions this client needs, and use it instead.");
        }

        return TokenVerification.Success(token, owner);
    }

    private static string CacheKey(byte[] hash) => "token:" + Convert.ToHexString(hash);
}
