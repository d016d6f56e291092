using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strongroom.Data.Audit;

/// <summary>Tells a context that its transaction began or ended (committed or rolled back), so the sealer hears of the audit rows saved inside it at its commit.</summary>
internal sealed class AuditCommitInterceptor : DbTransactionInterceptor
{
    public static readonly AuditCommitInterceptor Instance = new();

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        (eventData.Context as StrongroomDb)?.TransactionStarted();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as StrongroomDb)?.TransactionStarted();
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        (eventData.Context as StrongroomDb)?.TransactionCommitted();
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as StrongroomDb)?.TransactionCommitted();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        (eventData.Context as StrongroomDb)?.TransactionRolledBack();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as StrongroomDb)?.TransactionRolledBack();
        return Task.CompletedTask;
    }
}
