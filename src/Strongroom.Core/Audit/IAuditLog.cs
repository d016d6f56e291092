namespace Strongroom.Core.Audit;

/// <summary>
/// The append-only, hash-chained security event log. Every security event goes through here.
/// </summary>
/// <remarks>
/// An event that records a change is <see cref="Add(AuditEvent)"/>ed to the caller's unit of work before
/// the change is saved, so that the change and its event commit together or not at all (fail closed).
/// <see cref="WriteAsync(AuditEvent, CancellationToken)"/> commits at once, for events that record no
/// change of their own (a failed login, an authorization denial): with nothing else staged, concurrent
/// callers' events may share one commit; either way it returns once the event is durable, and throws when
/// it could not be written.
/// </remarks>
public interface IAuditLog
{
    /// <summary>Stages an event: it is committed, chained, by the caller's next save, with the change it records.</summary>
    void Add(AuditEvent auditEvent);

    /// <summary>Stages several events of one action; see <see cref="Add(AuditEvent)"/>.</summary>
    void Add(IReadOnlyCollection<AuditEvent> auditEvents);

    /// <summary>Stages an event and commits it (with whatever else the unit of work holds).</summary>
    Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Appends several events of one action together (one commit, not one per event).</summary>
    Task WriteAsync(IReadOnlyCollection<AuditEvent> auditEvents, CancellationToken cancellationToken);
}
