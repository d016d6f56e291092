namespace Strongroom.Data.Audit;

/// <summary>A stored audit event (append-only: rows are inserted, never updated or deleted).</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public required string Action { get; set; }
    public required string Outcome { get; set; }
    public string? ActorUserId { get; set; }
    public string? TokenId { get; set; }
    public string? OrgId { get; set; }
    public string? Ip { get; set; }
    public string? Target { get; set; }
    public string? DetailsJson { get; set; }
}
