using System.Text.Json;
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
        var now = AuditChain.Truncate(time.GetUtcNow());
        foreach (var auditEvent in auditEvents)
        {
            var record = new AuditRecord
            {
                Time = now,
                Action = auditEvent.Action,
                Outcome = auditEvent.Outcome,
                ActorUserId = auditEvent.ActorUserId,
                TokenId = auditEvent.TokenId,
                OrgId = auditEvent.OrgId,
                Ip = auditEvent.Ip,
                UserAgent = auditEvent.UserAgent is { Length: > 300 } agent ? agent[..300] : auditEvent.UserAgent,
                Target = auditEvent.Target,
                DetailsJson = auditEvent.Details is { Count: > 0 } details ? JsonSerializer.Serialize(details) : null,
            };
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
