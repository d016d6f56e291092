using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Secrets;
using Strongroom.Data;

namespace Strongroom.Server.Features.Kms;

/// <summary>
/// The rewrap's walk over webhook signing secrets, the same as over Space secrets: a batch under an older
/// KMS version in id order, data keys moved without opening the secret, each row written back only if it
/// is still under the version it was read at, one commit a batch. A signing secret is never rewritten
/// after registration, so the KMS version alone tells whether the row changed meanwhile.
/// </summary>
internal static class WebhookKeyRewrap
{
    public sealed record Row(string Id, byte[] WrappedDataKey, int KmsKeyVersion);

    public static async Task<List<Row>> ReadBatchAsync(StrongroomDb db, int primary, string? after, int size, CancellationToken cancellationToken)
    {
        var query = db.Webhooks.AsNoTracking().Where(w => w.KmsKeyVersion < primary);
        if (after is not null)
        {
            query = query.Where(w => w.Id.CompareTo(after) > 0);
        }

        return await query.OrderBy(w => w.Id).Take(size)
            .Select(w => new Row(w.Id, w.WrappedDataKey, w.KmsKeyVersion))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the moved keys back; returns how many rows were still as read.</summary>
    public static async Task<int> WriteBatchAsync(StrongroomDb db, IReadOnlyList<(Row Row, SealedSecret Moved)> moved, CancellationToken cancellationToken)
    {
        var written = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (row, to) in moved)
        {
            written += await db.Webhooks.Where(w => w.Id == row.Id && w.KmsKeyVersion == row.KmsKeyVersion)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.WrappedDataKey, to.WrappedDataKey).SetProperty(w => w.KmsKeyVersion, to.KmsKeyVersion), cancellationToken)
                .ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }
}
