using System.Data.Common;
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
/// without commit or rollback). A writer that waits longer than <see cref="Patience"/> goes ahead without
/// it, to SQLite's own locking: a context that writes while another context of the same flow holds a
/// transaction would otherwise wait forever, where SQLite makes it fail after its timeout as before.
/// Commands outside saves and transactions (a lone <c>ExecuteUpdate</c>) are not gated and rely on SQLite's locking.
/// </remarks>
internal sealed class SqliteWriteGate : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);

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

        await EnterAsync(eventData.Context, cancellationToken).ConfigureAwait(false);
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(
                await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken).ConfigureAwait(false));
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

        Enter(eventData.Context);
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(connection.BeginTransaction(eventData.IsolationLevel));
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

    private async Task EnterAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is StrongroomDb { HoldsWriteGate: false } db && await _gate.WaitAsync(Patience, cancellationToken).ConfigureAwait(false))
        {
            db.HoldsWriteGate = true;
        }
    }

    private void Enter(DbContext? context)
    {
        if (context is StrongroomDb { HoldsWriteGate: false } db && _gate.Wait(Patience))
        {
            db.HoldsWriteGate = true;
        }
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
        if (context is StrongroomDb { HoldsWriteGate: true } db)
        {
            db.HoldsWriteGate = false;
            _gate.Release();
        }
    }
}
