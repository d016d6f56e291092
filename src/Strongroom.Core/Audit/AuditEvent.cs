namespace Strongroom.Core.Audit;

/// <summary>
/// One security event. Never holds a raw token, password or secret value: details name things by id.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>Dotted verb, e.g. <c>token.create</c>, <c>auth.login</c>, <c>authz.deny</c>.</summary>
    public required string Action { get; init; }
    /// <summary><c>success</c>, <c>failure</c>, <c>denied</c>, or <c>started</c> (see <see cref="AuditOutcome.Started"/>).</summary>
    public string Outcome { get; init; } = AuditOutcome.Success;
    public string? ActorUserId { get; init; }
    public string? TokenId { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>What was acted on, e.g. <c>token:ab12…</c>, <c>model:org/name</c>, <c>org:acme</c>.</summary>
    public string? Target { get; init; }
    /// <summary>The org whose admins may see this event, if any.</summary>
    public string? OrgId { get; init; }
    public IReadOnlyDictionary<string, string>? Details { get; init; }
}

/// <summary>The outcome words of <see cref="AuditEvent.Outcome"/>.</summary>
public static class AuditOutcome
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";

    /// <summary>
    /// Written and committed before an operation the database cannot enclose (a KMS rotation, a git ref
    /// update): if it cannot be written the operation does not start (fail closed), and if the process dies
    /// before the operation's <see cref="Success"/> or <see cref="Failure"/> event, this one still names who began it.
    /// </summary>
    public const string Started = "started";
}
