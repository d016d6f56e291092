using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;

namespace Strongroom.Audit.Benchmarks;

/// <summary>
/// <see cref="EfAuditLog"/>'s rows without the chain: no MAC, and no sealer runs. Events written on their own
/// are batched as the appender batches them (<see cref="UnchainedAppender"/>), so that on and off differ by the chain alone.
/// </summary>
internal sealed class UnchainedAuditLog(StrongroomDb db, TimeProvider time, UnchainedAppender appender) : IAuditLog
{
    public void Add(AuditEvent auditEvent) => Add([auditEvent]);

    public void Add(IReadOnlyCollection<AuditEvent> auditEvents) => db.AuditEvents.AddRange(Records(auditEvents));

    public Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => WriteAsync([auditEvent], cancellationToken);

    public async Task WriteAsync(IReadOnlyCollection<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges())
        {
            await appender.Queue.WriteAsync(Records(auditEvents)).WaitAsync(cancellationToken);
            return;
        }

        Add(auditEvents);
        await db.SaveChangesAsync(cancellationToken);
    }

    private List<AuditRecord> Records(IReadOnlyCollection<AuditEvent> auditEvents) =>
        auditEvents.Select(e => AuditRecordMapping.ToRecord(e, time.GetUtcNow())).ToList();
}

/// <summary>
/// What <see cref="AuditAppender"/> does, without the chain: the same batches, written the same way (on
/// PostgreSQL one round trip, committed without waiting for the flush, then made durable outside the
/// transaction; on SQLite through the context), but the rows carry no MAC or place, and no head is locked or moved.
/// </summary>
internal sealed class UnchainedAppender
{
    public UnchainedAppender(IServiceScopeFactory scopes)
    {
        Queue = new(async records =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            if (db is PostgresStrongroomDb)
            {
                await PostgresAuditInsert.InOwnTransactionAsync(db, PostgresAuditInsert.InsertRows, PostgresAuditInsert.Rows(records), CancellationToken.None);
            }
            else
            {
                db.DurableLater = true;
                try
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await AuditChainWriter.InsertAsync(db, records, CancellationToken.None);
                    await transaction.CommitAsync();
                    return db.Durable ?? Task.CompletedTask;
                }
                finally
                {
                    (db.DurableLater, db.Durable) = (false, null); // as the appender does: a pooled context must not carry it to its next lease
                }
            }

            return WhenDurableAsync(scopes);
        }, AuditAppender.BatchSize);
    }

    public GroupCommitQueue<AuditRecord> Queue { get; }

    private static async Task WhenDurableAsync(IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        await AuditChainWriter.WhenDurableAsync(scope.ServiceProvider.GetRequiredService<StrongroomDb>(), CancellationToken.None);
    }
}
