namespace Strongroom.Server.Features.Leaks.Sweeps;

/// <summary>What one pass of the sweep did; <see cref="Blobs"/> is 0 when nothing changed since the last one.</summary>
public sealed record SweepPass(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string RuleSetVersion,
    int RepositoriesChecked,
    int RepositoriesScanned,
    int Blobs,
    long Bytes,
    int TokensRevoked,
    int AlertsCreated,
    bool RanOnThisNode);
