using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strongroom.Data;

/// <summary>
/// SQLite has one writer. When several contexts write at once, all but one get SQLITE_BUSY, and
/// Microsoft.Data.Sqlite retries by blocking its thread for 150 ms at a time: under load, writers queue
/// by luck, a busy writer can starve (the audit sealer did, for whole seconds), and the tail latency of
/// every write is counted in 150 ms steps. This gate queues the node's writers in memory instead: a save,
/// or an explicit transaction, takes it first and holds it until it ends, so SQLite never sees two at once.
/// </summary>
/// <remarks>
/// A context holds the gate at most once (a save inside its own transaction does not wait on itself). It is
/// let go when the save or the transaction ends, and when the connection closes (a transaction disposed
/// without commit or rollback). A transaction that ends with no event at all (disposed uncommitted while its
/// connection stays open, as a connection opened by hand does) is found by the next writer waiting, within
/// <see cref="Slice"/>, which takes the gate over. A writer that waits longer than <see cref="Patience"/> goes ahead without
/// it, to SQLite's own locking: a context that writes while another context of the same flow holds a
/// transaction would otherwise wait forever, where SQLite makes it fail after its timeout as before.
/// Commands outside saves and transactions (a lone <c>ExecuteUpdate</c>) are not gated and rely on SQLite's locking.
/// </remarks>
internal sealed class SqliteWriteGate : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>How often a waiting writer looks whether the transaction holding the gate has ended unannounced.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();

    /// <summary>The gate's present holding; a context holds the gate while its <see cref="StrongroomDb.WriteGateHold"/> is this one.</summary>
    private Hold? _current;

    /// <summary>One holding of the gate, and the transaction it was taken for (none for a save).</summary>
    internal sealed class Hold
    {
        public DbTransaction? Transaction { get; set; }
    }

    public void Dispose() => _gate.Dispose();

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(eventData.Context, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Enter(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes the gate, then begins the transaction itself: EF Core reports no event when a begin fails (a request
    /// cancelled at that moment, as a client hanging up does), and a gate taken for a transaction that never began
    /// was held by a context back in the pool until that context happened to write again; every other writer of
    /// the node waited out <see cref="Patience"/> meanwhile.
    /// </summary>
    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        if (result.HasResult)
        {
            return result;
        }

        var hold = await EnterAsync(eventData.Context, cancellationToken).ConfigureAwait(false);
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(
                For(hold, await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken).ConfigureAwait(false)));
        }
        catch
        {
            Leave(eventData.Context);
            throw;
        }
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        if (result.HasResult)
        {
            return result;
        }

        var hold = Enter(eventData.Context);
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(For(hold, connection.BeginTransaction(eventData.IsolationLevel)));
        }
        catch
        {
            Leave(eventData.Context);
            throw;
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Takes the gate for <paramref name="context"/>; returns the holding taken, or null when it held the gate already or waited out <see cref="Patience"/>.</summary>
    private async Task<Hold?> EnterAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not StrongroomDb db || Holds(db))
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        Hold? hold;
        while (!Settled(db, await _gate.WaitAsync(Slice, cancellationToken).ConfigureAwait(false), started, out hold))
        {
        }

        return hold;
    }

    private Hold? Enter(DbContext? context)
    {
        if (context is not StrongroomDb db || Holds(db))
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        Hold? hold;
        while (!Settled(db, _gate.Wait(Slice), started, out hold))
        {
        }

        return hold;
    }

    /// <summary>
    /// After one <see cref="Slice"/> of waiting: whether the wait is over, with the holding taken (the gate came
    /// free, or its transaction ended unannounced), or with none once <see cref="Patience"/> has run out.
    /// </summary>
    private bool Settled(StrongroomDb db, bool acquired, long started, out Hold? hold)
    {
        hold = acquired ? Take(db) : TakeOver(db);
        return hold is not null || Stopwatch.GetElapsedTime(started) >= Patience;
    }

    /// <summary>Whether <paramref name="db"/> holds the gate now; a holding left from an earlier lease of the pooled context is forgotten.</summary>
    private bool Holds(StrongroomDb db)
    {
        lock (_lock)
        {
            if (db.WriteGateHold is { } hold && ReferenceEquals(hold, _current))
            {
                return true;
            }

            db.WriteGateHold = null;
            return false;
        }
    }

    private Hold Take(StrongroomDb db)
    {
        lock (_lock)
        {
            return HandTo(db);
        }
    }

    /// <summary>
    /// When the transaction holding the gate has ended without an event (its connection let go of it, or was
    /// closed), the gate passes to <paramref name="db"/> without a release; the old holder's later leave releases nothing.
    /// </summary>
    private Hold? TakeOver(StrongroomDb db)
    {
        lock (_lock)
        {
            if (_current?.Transaction is not { } transaction || transaction.Connection is { State: ConnectionState.Open })
            {
                return null;
            }

            return HandTo(db);
        }
    }

    /// <summary>Makes <paramref name="db"/> the gate's holder; under <see cref="_lock"/>.</summary>
    private Hold HandTo(StrongroomDb db) => (Hold)(db.WriteGateHold = _current = new Hold());

    /// <summary>Records the transaction the gate was taken for.</summary>
    private DbTransaction For(Hold? hold, DbTransaction transaction)
    {
        lock (_lock)
        {
            hold?.Transaction = transaction;
        }

        return transaction;
    }

    private void LeaveUnlessInTransaction(DbContext? context)
    {
        if (context is StrongroomDb db && db.Database.CurrentTransaction is null)
        {
            Leave(db);
        }
    }

    private void Leave(DbContext? context)
    {
        if (context is not StrongroomDb db)
        {
            return;
        }

        lock (_lock)
        {
            var hold = db.WriteGateHold;
            db.WriteGateHold = null;
            if (hold is null || !ReferenceEquals(hold, _current))
            {
                return; // not held, or taken over
            }

            _current = null;
        }

        _gate.Release();
    }
}
