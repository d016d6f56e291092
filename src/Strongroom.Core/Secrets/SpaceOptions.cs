namespace Strongroom.Core.Secrets;

/// <summary>Configuration section <c>Spaces</c>: limits on Space configuration and runtime credentials.</summary>
public sealed class SpaceOptions
{
    public const string SectionName = "Spaces";

    /// <summary>The most secrets one Space may hold.</summary>
    public int MaxSecretsPerSpace { get; set; } = 100;

    /// <summary>The most variables one Space may hold.</summary>
    public int MaxVariablesPerSpace { get; set; } = 100;

    /// <summary>How long a workload token lives before the runner must renew it.</summary>
    public TimeSpan WorkloadTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
