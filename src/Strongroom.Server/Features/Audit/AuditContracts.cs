using System.Text.Json;

namespace Strongroom.Server.Features.Audit;

/// <summary>The JSON of the audit views.</summary>
public static class AuditContracts
{
    /// <summary>One event: who (user id and name, token id, address, user agent) did what to what, and its place in the chain.</summary>
    public sealed record AuditEventView(long Seq, DateTimeOffset Time, string Action, string Outcome, string? ActorUserId, string? Actor,
        string? TokenId, string? Ip, string? UserAgent, string? Target, string? OrgId, JsonElement? Details, string Hash);

    /// <summary>A page of events, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next (absent on the last page).</summary>
    public sealed record AuditPage(IReadOnlyList<AuditEventView> Events, long? NextCursor);
}
