using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strongroom.Data.Audit;

/// <summary>Tells a context that its transaction ended (committed or rolled back), so audit rows saved inside it wake the sealer.</summary>
internal sealed class AuditCommitInterceptor : DbTransactionInterceptor
{
    public static readonly AuditCommitInterceptor Instance = new();

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
