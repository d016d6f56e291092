namespace Strongroom.Core.Audit;

/// <summary>
/// The append-only security event log. Every security event goes through here, so the tamper-evident
/// chain can be added behind this interface without touching callers.
/// </summary>
public interface IAuditLog
{
    Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Appends several events of one action together (one commit, not one per event).</summary>
    Task WriteAsync(IReadOnlyCollection<AuditEvent> auditEvents, CancellationToken cancellationToken);
}
