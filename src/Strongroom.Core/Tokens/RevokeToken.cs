using Strongroom.Core.Audit;

namespace Strongroom.Core.Tokens;

/// <summary>
/// Kills a token at once: stored status and its audit event in one commit, then this node's cache. If
/// the event cannot be written, nothing changes and the revocation fails.
/// </summary>
public sealed class RevokeToken(ITokenStore store, VerifyToken verifier, IAuditLog audit, TimeProvider time)
{
    /// <returns>False when no such token belongs to <paramref name="ownerId"/>.</returns>
    public async Task<bool> ExecuteAsync(string tokenId, string ownerId, string reason, string? actorUserId, string? ip, CancellationToken cancellationToken)
    {
        var token = await store.FindByIdAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || token.UserId != ownerId)
        {
            return false;
        }

        _ = token.Revoke(time.GetUtcNow(), reason); // already revoked: the request is still recorded
        audit.Add(new AuditEvent
        {
            Action = "token.revoke",
            ActorUserId = actorUserId,
            TokenId = token.Id,
            Ip = ip,
            Target = "token:" + token.Id,
            Details = new Dictionary<string, string> { ["reason"] = reason },
        });
        await store.UpdateAsync(token, cancellationToken).ConfigureAwait(false);
        verifier.Forget(token.Hash);
        return true;
    }
}
