using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Strongroom.Core.Tokens;

/// <summary>
/// Checks a presented token: format and checksum first (no storage touched), then the SHA-256 lookup,
/// then status, expiry, owner and the classic phase-out. Verified tokens are kept in <see cref="TokenCache"/>
/// by digest; status, expiry and owner are checked again on every use, and a cache hit allocates nothing.
/// </summary>
public sealed class VerifyToken(ITokenStore store, TokenCache cache, IOptions<TokenOptions> options, TimeProvider time)
{
    private readonly TokenOptions _options = options.Value;

    public ValueTask<TokenVerification> ExecuteAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || !TokenFormat.TryParse(presented, _options.Prefix, out var kind))
        {
            return ValueTask.FromResult(TokenVerification.Invalid);
        }

        var digest = TokenDigest.Of(presented);
        return cache.TryGet(digest, out var entry)
            ? ValueTask.FromResult(Check(entry, kind))
            : MissAsync(presented, digest, kind, cancellationToken);
    }

    /// <summary>Drops a token from this node's cache (after revoke, rotate or an owner change).</summary>
    public void Forget(byte[] hash) => cache.Forget(TokenDigest.From(hash));

    private async ValueTask<TokenVerification> MissAsync(string presented, TokenDigest digest, TokenKind kind, CancellationToken cancellationToken)
    {
        var hash = TokenFormat.Hash(presented);
        var entry = await cache.LoadAsync(digest, version => LoadAsync(hash, version, cancellationToken), cancellationToken).ConfigureAwait(false);
        return entry is null ? TokenVerification.Invalid : Check(entry, kind);
    }

    private async Task<TokenCache.Entry?> LoadAsync(byte[] hash, long version, CancellationToken cancellationToken)
    {
        var found = await store.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false);
        // Re-check the bytes: the lookup is by index, the decision is by constant-time comparison.
        if (found is null || !CryptographicOperations.FixedTimeEquals(found.Token.Hash, hash))
        {
            return null;
        }

        return new TokenCache.Entry(found, TokenVerification.Success(found.Token, found.Owner, found.Orgs), version, time.GetTimestamp());
    }

    private TokenVerification Check(TokenCache.Entry entry, TokenKind kind)
    {
        var (token, owner, _) = entry.Stored;
        if (token.Kind == kind && token.Status == TokenStatus.Leaked)
        {
            return TokenVerification.Leaked;
        }

        if (token.Kind != kind || token.Status != TokenStatus.Active)
        {
            return TokenVerification.Invalid;
        }

        var now = time.GetUtcNow();
        if (token.IsExpiredAt(now))
        {
            return TokenVerification.Expired;
        }

        if (token.UserId is not null && (owner is null || !owner.IsActive))
        {
            return TokenVerification.Invalid;
        }

        if (token.Kind == TokenKind.Classic && _options.Classic.SunsetAt is { } sunset && now >= sunset)
        {
            return TokenVerification.Failure(
                "classic_token_retired",
                $"Classic read/write tokens were retired on {sunset:yyyy-MM-dd}. "
                    + "Create a fine-grained token in your settings, grant it the permissions this client needs, and use it instead.");
        }

        return entry.Verified;
    }
}
