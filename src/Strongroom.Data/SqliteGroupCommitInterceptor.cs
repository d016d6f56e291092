using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strongroom.Data;

/// <summary>
/// Holds back the end of every commit (a save, an explicit transaction's commit, a lone statement outside
/// both) until <see cref="SqliteGroupCommit"/> has synced it. Registered after <see cref="SqliteWriteGate"/>,
/// so the gate is already let go while a commit waits for its fsync, and the next writers commit meanwhile.
/// </summary>
internal sealed class SqliteGroupCommitInterceptor(SqliteGroupCommit groupCommit) : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        SetSaving(eventData.Context, true);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        SetSaving(eventData.Context, true);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SetSaving(eventData.Context, false);
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await groupCommit.WhenDurableAsync().ConfigureAwait(false);
        }

        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SetSaving(eventData.Context, false);
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            groupCommit.WhenDurableAsync().GetAwaiter().GetResult();
        }

        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SetSaving(eventData.Context, false);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SetSaving(eventData.Context, false);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => SetSaving(eventData.Context, false);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SetSaving(eventData.Context, false);
        return Task.CompletedTask;
    }

    /// <summary>An explicit transaction's commit; the one a save opens for itself waits at the save's end instead.</summary>
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        eventData.Context switch
        {
            StrongroomDb { Saving: true } => Task.CompletedTask,
            StrongroomDb { DurableLater: true } db => Task.FromResult(db.Durable = DeferTo(db)),
            _ => groupCommit.WhenDurableAsync(),
        };

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        switch (eventData.Context)
        {
            case StrongroomDb { Saving: true }:
                return;
            case StrongroomDb { DurableLater: true } db:
                db.Durable = DeferTo(db);
                return;
            default:
                groupCommit.WhenDurableAsync().GetAwaiter().GetResult();
                return;
        }
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (IsLoneStatement(eventData))
        {
            await groupCommit.WhenDurableAsync().ConfigureAwait(false);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (IsLoneStatement(eventData))
        {
            groupCommit.WhenDurableAsync().GetAwaiter().GetResult();
        }

        return result;
    }

    /// <summary>A statement that committed on its own (an <c>ExecuteUpdate</c>): not part of a save or of a transaction, which wait at their end.</summary>
    private static bool IsLoneStatement(CommandExecutedEventData eventData) =>
        eventData.Context is StrongroomDb { Saving: false } db && db.Database.CurrentTransaction is null;

    /// <summary>The wait, left to the caller that asked for it; the request is for this one commit (the context is pooled).</summary>
    private Task DeferTo(StrongroomDb db)
    {
        db.DurableLater = false;
        return groupCommit.WhenDurableAsync();
    }

    private static void SetSaving(Microsoft.EntityFrameworkCore.DbContext? context, bool saving)
    {
        if (context is StrongroomDb db)
        {
            db.Saving = saving;
        }
    }
}
