namespace Strongroom.Data.Audit;

/// <summary>
/// A stored audit event (append-only: rows are inserted, never updated or deleted). <see cref="Seq"/>,
/// <see cref="PrevHash"/> and <see cref="Hash"/> are set by the chain when the row is saved.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    /// <summary>The place in the chain, from 1; null only for a row saved before the chain existed, until it is sealed at start.</summary>
    public long? Seq { get; set; }
    public DateTimeOffset Time { get; set; }
    public required string Action { get; set; }
    public required string Outcome { get; set; }
    public string? ActorUserId { get; set; }
    public string? TokenId { get; set; }
    public string? OrgId { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string? Target { get; set; }
    public string? DetailsJson { get; set; }
    public byte[]? PrevHash { get; set; }
    public byte[]? Hash { get; set; }
}
