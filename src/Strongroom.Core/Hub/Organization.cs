namespace Strongroom.Core.Hub;

/// <summary>An organization: owns repositories; people reach them through membership, never an org token.</summary>
public sealed class Organization
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Fullname { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Token policy: only fine-grained tokens may act on this org's resources.</summary>
    public bool RequireFineGrained { get; set; }

    /// <summary>Token policy: tokens older than this many days may not act on this org's resources.</summary>
    public int? MaxTokenLifetimeDays { get; set; }
}
