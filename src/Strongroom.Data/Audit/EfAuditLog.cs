using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>
/// Appends audit events to the <c>audit_events</c> table through the request's <see cref="StrongroomDb"/>:
/// <see cref="Add(AuditEvent)"/> only stages the row, with its MAC, so it commits with the change it
/// records; the sealer chains it after the commit.
/// </summary>
public sealed class EfAuditLog(StrongroomDb db, AuditEventMac mac, TimeProvider time) : IAuditLog
{
    public void Add(AuditEvent auditEvent) => Add([auditEvent]);

    public void Add(IReadOnlyCollection<AuditEvent> auditEvents)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        var now = time.GetUtcNow();
        foreach (var auditEvent in auditEvents)
        {
            var record = AuditRecordMapping.ToRecord(auditEvent, now);
            record.Mac = mac.Compute(AuditRecordMapping.ToEntry(record));
            db.AuditEvents.Add(record);
        }
    }

    public Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => WriteAsync([auditEvent], cancellationToken);

    public async Task WriteAsync(IReadOnlyCollection<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        Add(auditEvents);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
