using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>
/// The audit chain's one writer per node. An action commits its change and its event (with the event's
/// MAC) together and takes no lock; the sealer then chains every committed event in one transaction per
/// batch: it locks the head once, numbers and hashes the events, and moves the head. Events this node
/// committed are chained from the fields their MACs were computed from, as the save kept them, without reading
/// them back; any other pending row (another node's, or one committed before a crash) is read, and chained only
/// when its MAC fits. Appends from many requests cost one lock and one commit per batch, not per
/// event, and an action never waits on another's audit row. Sealers on several nodes take turns on the head lock.
/// </summary>
/// <remarks>
/// An event is sealed milliseconds after its commit (the save wakes the sealer). Readers that must see the
/// chain whole (verify, export, the audit views) call <see cref="SealPendingAsync"/> first. A row whose MAC
/// does not fit was not written by this hub: it is never sealed, it is logged, and verification names it.
/// </remarks>
public sealed partial class AuditSealer(IServiceScopeFactory scopes, AuditEventMac mac, ILogger<AuditSealer> logger) : IDisposable
{
    /// <summary>Events sealed in one transaction at most.</summary>
    public const int BatchSize = 2000;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<long, bool> _refused = new();
    private readonly ConcurrentQueue<(long Id, byte[]? Fields)> _committed = new();
    private HashSet<long> _sealedLastPass = [];

    /// <summary>Says that events were committed: the sealing loop runs soon. Cheap, never blocks.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// Says which events this node committed, and wakes the sealer. The next pass chains them as they were written,
    /// without reading them back (their MACs were computed here, from the same fields); each must be found,
    /// pending or sealed, by that pass: one that is gone was deleted before it was chained, and the pass records that.
    /// </summary>
    internal void Committed(IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            _committed.Enqueue((record.Id, record.EncodedFields));
        }

        Wake();
    }

    /// <summary>
    /// After a wake, how long the sealer lets events gather before it seals them. Each seal is a commit (an
    /// fsync on SQLite), so sealing at every wake would cost about one commit per action; gathering for 50 ms
    /// costs one per 50 ms, whatever the load.
    /// </summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Waits until <see cref="Wake"/> is called (then <see cref="Gather"/> more) or <paramref name="poll"/> passes
    /// (for events committed without a wake: a node that stopped before sealing its own).
    /// </summary>
    public async Task WaitForWorkAsync(TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(poll, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wake.Reader.ReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return; // the poll interval passed
        }

        await Task.Delay(Gather, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Seals every event committed before the call; returns how many were sealed.</summary>
    public async Task<int> SealPendingAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var told = new List<(long Id, byte[]? Fields)>();
            while (_committed.TryDequeue(out var committed))
            {
                told.Add(committed);
            }

            var expected = told.Select(t => t.Id).ToHashSet();
            var seen = new HashSet<long>();
            var total = await SealToldAsync(told, seen, cancellationToken).ConfigureAwait(false);
            total += await SealAllAsync(seen, cancellationToken).ConfigureAwait(false);
            // A commit is told after its save returns, so the pass before may have sealed it already.
            expected.ExceptWith(seen);
            expected.ExceptWith(_sealedLastPass);
            _sealedLastPass = seen;
            if (expected.Count > 0 && await RecordDeletedAsync(expected, cancellationToken).ConfigureAwait(false))
            {
                total += await SealAllAsync(seen, cancellationToken).ConfigureAwait(false); // the records just written
            }

            return total;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Chains the events this node told of, from the fields it kept, in batches; a batch in which a row vanished
    /// while it was chained (deleted, or sealed by another node) is left to the reading pass that follows.
    /// </summary>
    private async Task<int> SealToldAsync(List<(long Id, byte[]? Fields)> told, HashSet<long> seen, CancellationToken cancellationToken)
    {
        var kept = told.Where(t => t.Fields is not null).Select(t => new AuditChainWriter.PendingEvent(t.Id, t.Fields!)).ToList();
        if (kept.Count == 0)
        {
            return 0; // most passes of an idle node, woken by the poll alone: no context taken from the pool
        }

        var total = 0;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        foreach (var batch in kept.Chunk(BatchSize))
        {
            if (await AuditChainWriter.SealAsync(db, batch, stillPending: true, cancellationToken).ConfigureAwait(false) is { } chained)
            {
                seen.UnionWith(chained);
                total += chained.Count;
            }
        }

        return total;
    }

    private async Task<int> SealAllAsync(HashSet<long> seen, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        do
        {
            (read, var chained) = await SealBatchAsync(seen, cancellationToken).ConfigureAwait(false);
            total += chained;
        }
        while (read == BatchSize);

        return total;
    }

    /// <summary>
    /// Of the events this node committed and this pass did not see pending, those no longer in the table at all
    /// (sealed ones are: by an earlier pass or another node) were deleted before they could be chained. Each is
    /// logged and recorded by an event of its own, which is chained and which verification reports.
    /// </summary>
    /// <returns>Whether any was recorded.</returns>
    private async Task<bool> RecordDeletedAsync(HashSet<long> unseen, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var ids = unseen.ToArray();
        var present = await db.AuditEvents.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        unseen.ExceptWith(present);
        foreach (var id in unseen.Order())
        {
            LogDeleted(id);
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Add(new AuditEvent
            {
                Action = AuditChain.EventDeletedAction,
                Outcome = AuditOutcome.Failure,
                Target = "audit:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        if (unseen.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return unseen.Count > 0;
    }

    /// <summary>
    /// Reads and checks the pending rows first, outside any transaction (on SQLite the write transaction holds
    /// every writer of the node, so it does only what must be atomic); then locks the head, numbers and hashes
    /// them, and writes. A row another node sealed in between makes the writer say so, and the batch is read again.
    /// </summary>
    private async Task<(int Read, int Chained)> SealBatchAsync(HashSet<long> seen, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var refused = _refused.Keys.ToArray();
        while (true)
        {
            var rows = await db.AuditEvents.AsNoTracking().Where(a => a.Seq == null && !refused.Contains(a.Id))
                .OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            seen.UnionWith(rows.Select(r => r.Id));
            var genuine = rows.Where(IsGenuine).Select(AuditChainWriter.PendingEvent.Of).ToList();
            if (genuine.Count == 0)
            {
                return (rows.Count, 0);
            }

            if (await AuditChainWriter.SealAsync(db, genuine, stillPending: false, cancellationToken).ConfigureAwait(false) is not null)
            {
                return (rows.Count, genuine.Count);
            }
        }
    }

    private bool IsGenuine(AuditRecord row)
    {
        if (row.Mac is not null && mac.IsValid(AuditRecordMapping.ToEntry(row), row.Mac))
        {
            return true;
        }

        if (_refused.TryAdd(row.Id, true))
        {
            LogRefused(row.Id, row.Action);
        }

        return false;
    }

    public void Dispose() => _oneAtATime.Dispose();

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Audit row {Id} ({Action}) does not carry this hub's MAC: it was written around Strongroom, is not chained, and verification reports it")]
    private partial void LogRefused(long id, string action);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Audit row {Id} was committed by this node and deleted before it was chained; an audit.event.deleted event records it, and verification reports it")]
    private partial void LogDeleted(long id);
}
