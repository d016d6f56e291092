using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>Reads the chain back (for verify and export) and writes signed checkpoints of its head.</summary>
public sealed class AuditChainStore(StrongroomDb db)
{
    /// <summary>Every event in sequence order, streamed; rows without a number (written around the chain) come first.</summary>
    public async IAsyncEnumerable<AuditEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A projection, not tracked entities: verifying a million events is mostly reading them.
        var rows = db.AuditEvents.AsNoTracking().OrderBy(a => a.Seq ?? 0).ThenBy(a => a.Id).Select(r => new AuditEntry
        {
            Seq = r.Seq ?? 0,
            Time = r.Time,
            Action = r.Action,
            Outcome = r.Outcome,
            ActorUserId = r.ActorUserId,
            TokenId = r.TokenId,
            OrgId = r.OrgId,
            Ip = r.Ip,
            UserAgent = r.UserAgent,
            Target = r.Target,
            DetailsJson = r.DetailsJson,
            PrevHash = r.PrevHash ?? Array.Empty<byte>(),
            Hash = r.Hash ?? Array.Empty<byte>(),
        }).AsAsyncEnumerable();
        await foreach (var entry in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken) =>
        (await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Size).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(AuditRecordMapping.ToCheckpoint).ToList();

    /// <summary>Recomputes the whole chain and checks every checkpoint against <paramref name="publicKey"/>.</summary>
    public async Task<AuditVerifyResult> VerifyAsync(System.Security.Cryptography.ECDsa publicKey, CancellationToken cancellationToken)
    {
        var verifier = new AuditChainVerifier(await CheckpointsAsync(cancellationToken).ConfigureAwait(false), publicKey);
        var head = await HeadSeqAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entry in EntriesAsync(cancellationToken).ConfigureAwait(false))
        {
            verifier.Add(entry);
        }

        return verifier.Complete(head);
    }

    /// <summary>The head's size as the head row records it.</summary>
    public Task<long> HeadSeqAsync(CancellationToken cancellationToken) =>
        db.AuditHead.AsNoTracking().Where(h => h.Id == AuditHead.RowId).Select(h => h.Seq).SingleAsync(cancellationToken);

    /// <summary>
    /// Signs the head when due: <paramref name="every"/> events or <paramref name="interval"/> since the last
    /// checkpoint (or always, when <paramref name="force"/>), and never twice for one size. Holds the head's
    /// lock while signing, so the checkpoint names the head as it is and checkpoints from several nodes chain.
    /// </summary>
    /// <returns>The checkpoint written, or null when none was due.</returns>
    public async Task<AuditCheckpoint?> WriteCheckpointIfDueAsync(Func<byte[], byte[]> sign, long every, TimeSpan interval, DateTimeOffset now,
        bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sign);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (seq, hash) = await AuditChainWriter.ReadLockedHeadAsync(db, cancellationToken).ConfigureAwait(false);
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var since = seq - (last?.Size ?? 0);
        var due = since > 0 && (force || since >= every || last is null || now - last.Time >= interval);
        if (!due)
        {
            return null;
        }

        var time = AuditChain.Truncate(now);
        var prevSignature = last?.Signature ?? [];
        var record = new AuditCheckpointRecord
        {
            Size = seq,
            HeadHash = hash,
            Time = time,
            PrevSignature = prevSignature,
            Signature = sign(AuditCheckpoint.Digest(seq, hash, time, prevSignature)),
        };
        db.AuditCheckpoints.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return AuditRecordMapping.ToCheckpoint(record);
    }
}
