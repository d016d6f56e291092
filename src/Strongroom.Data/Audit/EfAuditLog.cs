using System.Text.Json;
using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>Appends audit events to the <c>audit_events</c> table.</summary>
public sealed class EfAuditLog(StrongroomDb db, TimeProvider time) : IAuditLog
{
    public async Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        db.AuditEvents.Add(new AuditRecord
        {
            Time = time.GetUtcNow(),
            Action = auditEvent.Action,
            Outcome = auditEvent.Outcome,
            ActorUserId = auditEvent.ActorUserId,
            TokenId = auditEvent.TokenId,
            OrgId = auditEvent.OrgId,
            Ip = auditEvent.Ip,
            Target = auditEvent.Target,
            DetailsJson = auditEvent.Details is { Count: > 0 } details ? JsonSerializer.Serialize(details) : null,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
