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
public sealed class AuditAppender : IDisposable
{
    /// <summary>Events in one transaction at most.</summary>
    public const int BatchSize = 1000;

    private readonly IServiceScopeFactory _scopes;
    private readonly GroupCommitQueue<AuditRecord> _queue;

    /// <summary>
    /// PostgreSQL: the head as the last batch sent will leave it, or null when unknown (none yet, or a batch failed
    /// or found the head moved). The next batch is chained after it before the last has answered: the statement's
    /// guard refuses it if the head is not there, and it then takes the locked way.
    /// </summary>
    private (long Seq, byte[] Hash)? _head;
    private readonly Lock _headLock = new();

    /// <summary>Batches in flight at once: on PostgreSQL each waits on a round trip, and the next is sent meanwhile.</summary>
    public const int InFlight = 2;

    public AuditAppender(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _queue = new GroupCommitQueue<AuditRecord>(WriteBatchAsync, BatchSize, InFlight);
    }

    public void Dispose() => _queue.Dispose();

    /// <summary>Transactions committed so far, each holding one or more callers' events.</summary>
    public long Batches => _queue.Batches;

    /// <summary>How long the writer has spent writing batches (see <see cref="GroupCommitQueue{T}.Busy"/>).</summary>
    public TimeSpan Busy => _queue.Busy;

    /// <summary>
    /// Appends <paramref name="records"/> (each with its MAC, not yet numbered) to the chain; returns once they are
    /// committed. Cancelling stops the wait, not the write.
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

        // PostgreSQL: in one round trip, after the head the batch before this one leaves (sent, not yet answered);
        // the locked way when that head is unknown or the database's moved elsewhere.
        var (expected, chained, next) = Reserve(records);
        try
        {
            if (expected is not { } after
                || !await PostgresAuditInsert.AppendAfterAsync(db, chained!, after.Seq, after.Hash, CancellationToken.None).ConfigureAwait(false))
            {
                Forget(next);
                next = await WriteLockedAsync(db, records).ConfigureAwait(false);
                lock (_headLock)
                {
                    _head = next;
                }
            }
        }
        catch
        {
            Forget(next);
            throw;
        }

        return WhenDurableAsync();
    }

    /// <summary>Chains the batch after the head the last batch reserved, and reserves the head this one leaves for the next.</summary>
    private ((long Seq, byte[] Hash)? Expected, List<AuditRecord>? Chained, (long Seq, byte[] Hash)? Next) Reserve(IReadOnlyList<AuditRecord> records)
    {
        lock (_headLock)
        {
            if (_head is not { } expected)
            {
                return (null, null, null);
            }

            var chained = Chain(records, expected.Seq, expected.Hash, out var next);
            _head = next;
            return (expected, chained, next);
        }
    }

    /// <summary>This batch did not leave the head it reserved: a batch chained after it will find the head elsewhere, and take the locked way.</summary>
    private void Forget((long Seq, byte[] Hash)? reserved)
    {
        lock (_headLock)
        {
            if (reserved is { } mine && _head is { } head && head.Seq == mine.Seq)
            {
                _head = null;
            }
        }
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
    /// Copies of <paramref name="records"/> numbered and hashed after <paramref name="seq"/>/<paramref name="hash"/>: a copy
    /// per attempt, because a batch that failed or found the head moved is written again with other places.
    /// </summary>
    private static List<AuditRecord> Chain(IReadOnlyList<AuditRecord> records, long seq, byte[] hash, out (long Seq, byte[] Hash) next)
    {
        var chained = new List<AuditRecord>(records.Count);
        foreach (var template in records)
        {
            var record = Copy(template);
            record.Seq = ++seq;
            record.PrevHash = hash;
            hash = record.Hash = AuditChain.ComputeHash(hash, AuditRecordMapping.ToEntry(record));
            chained.Add(record);
        }

        next = (seq, hash);
        return chained;
    }

    private async Task WhenDurableAsync()
    {
        await using var scope = _scopes.CreateAsyncScope();
        await AuditChainWriter.WhenDurableAsync(scope.ServiceProvider.GetRequiredService<StrongroomDb>(), CancellationToken.None).ConfigureAwait(false);
    }

    private static AuditRecord Copy(AuditRecord record) => new()
    {
        Time = record.Time,
        Action = record.Action,
        Outcome = record.Outcome,
        ActorUserId = record.ActorUserId,
        TokenId = record.TokenId,
        OrgId = record.OrgId,
        Ip = record.Ip,
        UserAgent = record.UserAgent,
        Target = record.Target,
        DetailsJson = record.DetailsJson,
        Mac = record.Mac,
    };
}
