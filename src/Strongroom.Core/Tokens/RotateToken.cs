using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;

namespace Strongroom.Core.Tokens;

/// <summary>
/// "Invalidate and refresh": a new secret for the same token id, grants and expiry; the old secret's
/// hash is replaced in the same write, so it stops working at once.
/// </summary>
public sealed class RotateToken(ITokenStore store, VerifyToken verifier, IAuditLog audit, IOptions<TokenOptions> options, TimeProvider time)
{
    /// <returns>The new secret, or null when no such token belongs to <paramref name="ownerId"/>.</returns>
    /// <exception cref="TokenRequestException">The token is revoked or expired.</exception>
    public async Task<(AccessToken Token, string Secret)?> ExecuteAsync(string tokenId, string ownerId, string? ip, CancellationToken cancellationToken)
    {
        var token = await store.FindByIdAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || token.UserId != ownerId)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (token.Status != TokenStatus.Active || token.IsExpiredAt(now))
        {
            throw new TokenRequestException("token_not_active", "Only an active token can be rotated. Create a new token instead.");
        }

        var oldHash = token.Hash;
        var secret = TokenFormat.Generate(options.Value.Prefix, token.Kind);
        token.Hash = TokenFormat.Hash(secret);
        token.Last4 = secret[^4..];
        token.RotatedAt = now;
        token.LastUsedAt = null;
        token.LastUsedIp = null;
        audit.Add(new AuditEvent
        {
            Action = "token.rotate",
            ActorUserId = ownerId,
            TokenId = token.Id,
            Ip = ip,
            Target = "token:" + token.Id,
        });
        await store.UpdateAsync(token, cancellationToken).ConfigureAwait(false); // the new hash and its event, one commit
        verifier.Forget(oldHash);
        return (token, secret);
    }
}
