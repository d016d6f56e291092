using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>Reads the chain back (for verify and export) and writes signed checkpoints of its head.</summary>
public sealed class AuditChainStore(StrongroomDb db)
{
    /// <summary>Every sealed event in sequence order, streamed.</summary>
    public async IAsyncEnumerable<AuditEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (entry, _) in RowsAsync(sealedRows: true, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken) =>
        (await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Size).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(AuditRecordMapping.ToCheckpoint).ToList();

    /// <summary>
    /// Recomputes the whole chain and checks every checkpoint against <paramref name="publicKey"/>; with
    /// <paramref name="macs"/> (only where the KMS is), also every event's MAC, sealed or not, which catches
    /// what the chain alone cannot: events appended or rewritten, hashes and head included, after the last checkpoint.
    /// </summary>
    public async Task<AuditVerifyResult> VerifyAsync(System.Security.Cryptography.ECDsa publicKey, AuditEventMac? macs, CancellationToken cancellationToken)
    {
        var verifier = new AuditChainVerifier(await CheckpointsAsync(cancellationToken).ConfigureAwait(false), publicKey);
        var head = await HeadSeqAsync(cancellationToken).ConfigureAwait(false);
        var macCheck = new MacCheck(macs);
        long last = 0;
        // Reading rows and hashing them take about as long as each other: one thread each.
        var rows = Channel.CreateBounded<(AuditEntry Entry, byte[]? Mac)>(new BoundedChannelOptions(4096) { SingleReader = true, SingleWriter = true });
        var checking = Task.Run(async () =>
        {
            await foreach (var (entry, mac) in rows.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                verifier.Add(entry);
                macCheck.Sealed(entry, mac);
                last = entry.Seq;
            }
        }, cancellationToken);
        try
        {
            await foreach (var row in RowsAsync(sealedRows: true, cancellationToken).ConfigureAwait(false))
            {
                await rows.Writer.WriteAsync(row, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            rows.Writer.Complete();
        }

        await checking.ConfigureAwait(false);

        await foreach (var (entry, mac) in RowsAsync(sealedRows: false, cancellationToken).ConfigureAwait(false))
        {
            macCheck.Pending(entry, mac, last + 1);
        }

        var result = verifier.Complete(head);
        return macCheck.FirstBad is { } problem && (result.FirstBad is null || problem.Seq < result.FirstBad.Seq)
            ? result with { Ok = false, FirstBad = problem }
            : result;
    }

    /// <summary>Sealed rows in sequence order, or rows not sealed yet in the order they were written.</summary>
    private async IAsyncEnumerable<(AuditEntry Entry, byte[]? Mac)> RowsAsync(bool sealedRows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = sealedRows
            ? db.AuditEvents.AsNoTracking().Where(a => a.Seq != null).OrderBy(a => a.Seq)
            : db.AuditEvents.AsNoTracking().Where(a => a.Seq == null).OrderBy(a => a.Id);
        // Untracked rows, mapped as everywhere else (AuditRecordMapping): verifying a million events is mostly reading them.
        var rows = query.AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return (AuditRecordMapping.ToEntry(row), row.Mac);
        }
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
        if (!force && !await MayBeDueAsync(every, interval, now, cancellationToken).ConfigureAwait(false))
        {
            return null; // decided with a read: an idle hub takes no write lock every second
        }

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

    private async Task<bool> MayBeDueAsync(long every, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seq = await HeadSeqAsync(cancellationToken).ConfigureAwait(false);
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Size)
            .Select(c => new { c.Size, c.Time }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var since = seq - (last?.Size ?? 0);
        return since > 0 && (since >= every || last is null || now - last.Time >= interval);
    }
}
