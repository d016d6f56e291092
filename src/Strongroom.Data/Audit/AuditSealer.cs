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
/// batch: it locks the head once, checks each MAC, numbers and hashes the events in the order they were
/// written, and moves the head. Appends from many requests cost one lock and one commit per batch, not per
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

    /// <summary>Says that events were committed: the sealing loop runs soon. Cheap, never blocks.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

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
            var total = 0;
            int seen;
            do
            {
                (seen, var chained) = await SealBatchAsync(cancellationToken).ConfigureAwait(false);
                total += chained;
            }
            while (seen == BatchSize);

            return total;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Reads and checks the pending rows first, outside any transaction (on SQLite the write transaction holds
    /// every writer of the node, so it does only what must be atomic); then locks the head, numbers and hashes
    /// them, and writes. A row another node sealed in between makes the writer say so, and the batch is read again.
    /// </summary>
    private async Task<(int Seen, int Chained)> SealBatchAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var refused = _refused.Keys.ToArray();
        while (true)
        {
            var rows = await db.AuditEvents.AsNoTracking().Where(a => a.Seq == null && !refused.Contains(a.Id))
                .OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            var genuine = rows.Where(IsGenuine).ToList();
            if (genuine.Count == 0)
            {
                return (rows.Count, 0);
            }

            if (await AuditChainWriter.SealAsync(db, genuine, cancellationToken).ConfigureAwait(false))
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
}
