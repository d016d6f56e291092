namespace Strongroom.Core.Secrets;

/// <summary>A Space's variable: public configuration, stored and returned in clear.</summary>
public sealed class SpaceVariable
{
    /// <summary>The Space's repository id.</summary>
    public required string RepoId { get; init; }
    public required string Key { get; init; }
    public required string Value { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
