using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>
/// The node's one writer for events that record no change of their own (an authorization denial, a login, a
/// secret opened, a push's outcome): they need not wait for a caller's save, so they are chained as they are
/// inserted. Concurrent callers share a transaction (<see cref="GroupCommitQueue{T}"/>): it locks the head,
/// inserts every waiting event already numbered and hashed after it, moves the head and commits; each caller
/// returns once its events are durable, or fails with the batch (fail closed).
/// </summary>
/// <remarks>
/// An event that records a change still commits with it (<see cref="IAuditLog.Add(AuditEvent)"/>) and is
/// chained by <see cref="AuditSealer"/> after; both take the same head lock, so the chain has one order. Here an
/// event is written once, already chained: no second write per event, and nothing left for the sealer.
/// </remarks>
public sealed class AuditAppender
{
    /// <summary>Events in one transaction at most.</summary>
    public const int BatchSize = 1000;

    private readonly IServiceScopeFactory _scopes;
    private readonly GroupCommitQueue<AuditRecord> _queue;

    /// <summary>The head as this node's last batch left it, or null when unknown (none yet, or the last one failed). Only the queue's one loop uses it.</summary>
    private (long Seq, byte[] Hash)? _head;

    public AuditAppender(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _queue = new GroupCommitQueue<AuditRecord>(WriteBatchAsync, BatchSize, RefusedByTheDatabase);
    }

    /// <summary>Transactions committed so far, each holding one or more callers' events.</summary>
    public long Batches => _queue.Batches;

    /// <summary>How long the writer has spent writing batches (see <see cref="GroupCommitQueue{T}.Busy"/>).</summary>
    public TimeSpan Busy => _queue.Busy;

    /// <summary>
    /// Appends <paramref name="records"/> (each with its MAC, not yet numbered) to the chain; returns once they are
    /// committed and durable. Cancelling stops the wait, not the write.
    /// </summary>
    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        _queue.WriteAsync(records).WaitAsync(cancellationToken);

    /// <summary>Commits one batch; the task it returns ends when the batch is durable.</summary>
    private async Task<Task> WriteBatchAsync(IReadOnlyList<AuditRecord> records)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        if (db is not PostgresStrongroomDb)
        {
            // SQLite: the commit lets go of the write lock and returns; the batch's fsync is awaited outside the loop.
            db.DurableLater = true;
            try
            {
                await WriteLockedAsync(db, records).ConfigureAwait(false);
                return db.Durable ?? Task.CompletedTask;
            }
            finally
            {
                (db.DurableLater, db.Durable) = (false, null);
            }
        }

        // PostgreSQL: after the head this node's last batch left, in one round trip; the locked way when it moved.
        var head = _head;
        _head = null;
        if (head is not { } last || !await PostgresAuditInsert.AppendAfterAsync(db, Chain(records, last.Seq, last.Hash, out var next), last.Seq, last.Hash,
            CancellationToken.None).ConfigureAwait(false))
        {
            next = await WriteLockedAsync(db, records).ConfigureAwait(false);
        }

        _head = next;
        return WhenDurableAsync();
    }

    /// <summary>Locks the head, chains the batch after it, inserts it and moves the head, in a transaction of its own; returns the new head.</summary>
    private static async Task<(long Seq, byte[] Hash)> WriteLockedAsync(StrongroomDb db, IReadOnlyList<AuditRecord> records)
    {
        var (transaction, seq, hash) = await AuditChainWriter.BeginLockedAsync(db, CancellationToken.None).ConfigureAwait(false);
        await using var disposing = transaction.ConfigureAwait(false);
        await AuditChainWriter.InsertAsync(db, Chain(records, seq, hash, out var next), CancellationToken.None).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return next;
    }

    /// <summary>
    /// Numbers and hashes <paramref name="records"/> after <paramref name="seq"/>/<paramref name="hash"/>, in place: every
    /// attempt sets all three of their chain fields, so a batch written again (it failed, or found the head moved)
    /// never carries an earlier attempt's.
    /// </summary>
    private static IReadOnlyList<AuditRecord> Chain(IReadOnlyList<AuditRecord> records, long seq, byte[] hash, out (long Seq, byte[] Hash) next)
    {
        foreach (var record in records)
        {
            record.Seq = ++seq;
            record.PrevHash = hash;
            record.EncodedFields ??= AuditChain.EncodeFields(AuditRecordMapping.ToEntry(record));
            hash = record.Hash = AuditChain.ComputeHash(hash, seq, record.EncodedFields);
        }

        next = (seq, hash);
        return records;
    }

    private async Task WhenDurableAsync()
    {
        await using var scope = _scopes.CreateAsyncScope();
        await AuditChainWriter.WhenDurableAsync(scope.ServiceProvider.GetRequiredService<StrongroomDb>(), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// The database refused a statement (a constraint, a trigger, a full disk): the transaction committed nothing,
    /// and the batch may be written again caller by caller. Anything else (a connection lost around the commit)
    /// may have committed: written again, its events would stand twice, each copy with the same MAC.
    /// </summary>
    private static bool RefusedByTheDatabase(Exception e) => e.GetBaseException() is Npgsql.PostgresException or Microsoft.Data.Sqlite.SqliteException;
}
