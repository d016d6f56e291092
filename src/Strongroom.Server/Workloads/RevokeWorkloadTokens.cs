using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Tokens;
using Strongroom.Data;

namespace Strongroom.Server.Workloads;

/// <summary>
/// Revokes the workload tokens a runner was given for a Space: when the Space stops, is deleted, or its runner
/// is revoked. Outside the slices because the runtime, the repositories and the admin's runner list all need it.
/// Each call saves on the request's context, so a caller inside a transaction commits the revocations with its event.
/// </summary>
public sealed class RevokeWorkloadTokens(StrongroomDb db, VerifyToken verifyToken, TimeProvider time)
{
    /// <summary>
    /// Revokes every live workload token of a Space (when it is deleted). They could do nothing anyway
    /// (grants match by repository id), but a deleted Space should leave no live credential behind.
    /// </summary>
    public async Task<int> ForSpaceAsync(string spaceId, string reason, CancellationToken cancellationToken)
    {
        // The Space is inside each token's grant, not a column: filter the live workload tokens here.
        var live = await db.Tokens.Where(t => t.Kind == TokenKind.Workload && t.Status == TokenStatus.Active)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(live.Where(t => t.WorkloadSpaceId == spaceId).ToList(), reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes a runner credential and every live workload token it was given; the count of the latter.</summary>
    public async Task<int> ForRunnerAsync(AccessToken runner, CancellationToken cancellationToken)
    {
        var workloads = await db.Tokens.Where(t => t.Kind == TokenKind.Workload && t.CreatedBy == runner.Id && t.Status == TokenStatus.Active)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync([.. workloads, runner], "runner revoked", cancellationToken).ConfigureAwait(false);
        return workloads.Count;
    }

    /// <summary>Marks tracked tokens revoked in one save (with whatever else is staged), then drops them from this node's cache.</summary>
    public async Task<int> ExecuteAsync(IReadOnlyList<AccessToken> revoking, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var revoked = revoking.Count(t => t.Revoke(now, reason));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var token in revoking)
        {
            verifyToken.Forget(token.Hash);
        }

        return revoked;
    }
}
