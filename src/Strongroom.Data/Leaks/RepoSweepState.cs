namespace Strongroom.Data.Leaks;

/// <summary>
/// How far the sweep got in one public repository: the branch and tag tips it scanned, under which rule set.
/// The next pass scans only what those tips do not reach; a new rule set scans everything again.
/// </summary>
public sealed class RepoSweepState
{
    public required string RepoId { get; init; }

    public required string RuleSetVersion { get; set; }

    /// <summary>Commit ids, space-separated.</summary>
    public required string Tips { get; set; }

    public DateTimeOffset SweptAt { get; set; }
}
