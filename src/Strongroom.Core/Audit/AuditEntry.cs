namespace Strongroom.Core.Audit;

/// <summary>
/// One event as the chain holds it: its place (<see cref="Seq"/>, from 1), every field the hash covers,
/// and the hashes that link it to its predecessor. The same shape whether read from the database or
/// from an export, so both verify through <see cref="AuditChainVerifier"/>.
/// </summary>
public sealed record AuditEntry
{
    public required long Seq { get; init; }
    /// <summary>Whole milliseconds (see <see cref="AuditChain.Truncate"/>), so the hash survives a round trip through either database.</summary>
    public required DateTimeOffset Time { get; init; }
    public required string Action { get; init; }
    public required string Outcome { get; init; }
    public string? ActorUserId { get; init; }
    public string? TokenId { get; init; }
    public string? OrgId { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
    public string? Target { get; init; }
    public string? DetailsJson { get; init; }
    /// <summary>The hash of the event before (32 zero bytes for the first).</summary>
    public required byte[] PrevHash { get; init; }
    /// <summary><c>SHA-256(PrevHash ‖ canonical bytes)</c>; see <see cref="AuditChain"/>.</summary>
    public required byte[] Hash { get; init; }
}
