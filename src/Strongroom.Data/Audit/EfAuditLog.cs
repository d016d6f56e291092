using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>
/// Appends audit events to the <c>audit_events</c> table through the request's <see cref="StrongroomDb"/>:
/// <see cref="Add(AuditEvent)"/> only stages the row, with its MAC, so it commits with the change it
/// records; the sealer chains it after the commit. <see cref="WriteAsync(IReadOnlyCollection{AuditEvent}, CancellationToken)"/>
/// with nothing else staged and no transaction open hands the rows to the node's <see cref="AuditAppender"/>,
/// which chains them as it commits them, together with other requests' events.
/// </summary>
public sealed class EfAuditLog(StrongroomDb db, AuditEventMac mac, TimeProvider time, AuditAppender? appender = null) : IAuditLog
{
    public void Add(AuditEvent auditEvent) => Add([auditEvent]);

    public void Add(IReadOnlyCollection<AuditEvent> auditEvents) => db.AuditEvents.AddRange(Records(auditEvents));

    public Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => WriteAsync([auditEvent], cancellationToken);

    public async Task WriteAsync(IReadOnlyCollection<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        // The caller's own unit of work, when it holds anything, commits with the events, as it always has.
        if (appender is not null && db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges())
        {
            await appender.AppendAsync(Records(auditEvents), cancellationToken).ConfigureAwait(false);
            return;
        }

        Add(auditEvents);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private List<AuditRecord> Records(IReadOnlyCollection<AuditEvent> auditEvents)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        var now = time.GetUtcNow();
        var records = new List<AuditRecord>(auditEvents.Count);
        foreach (var auditEvent in auditEvents)
        {
            var record = AuditRecordMapping.ToRecord(auditEvent, now);
            record.EncodedFields = AuditChain.EncodeFields(AuditRecordMapping.ToEntry(record));
            record.Mac = mac.Compute(record.EncodedFields);
            records.Add(record);
        }

        return records;
    }
}
