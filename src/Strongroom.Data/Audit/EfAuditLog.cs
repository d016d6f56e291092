using System.Text.Json;
using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>Appends audit events to the <c>audit_events</c> table.</summary>
public sealed class EfAuditLog(StrongroomDb db, TimeProvider time) : IAuditLog
{
    public Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => WriteAsync([auditEvent], cancellationToken);

    public async Task WriteAsync(IReadOnlyCollection<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        var now = time.GetUtcNow();
        db.AuditEvents.AddRange(auditEvents.Select(auditEvent => new AuditRecord
        {
            Time = now,
            Action = auditEvent.Action,
            Outcome = auditEvent.Outcome,
            ActorUserId = auditEvent.ActorUserId,
            TokenId = auditEvent.TokenId,
            OrgId = auditEvent.OrgId,
            Ip = auditEvent.Ip,
            Target = auditEvent.Target,
            DetailsJson = auditEvent.Details is { Count: > 0 } details ? JsonSerializer.Serialize(details) : null,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
