namespace Strongroom.Scanning.Engine;

/// <summary>What the engine looks for.</summary>
public sealed class ScanOptions
{
    /// <summary>Prefixes of Strongroom tokens to find (configuration <c>Tokens:Prefix</c>); default <c>sr</c>.</summary>
    public IReadOnlyList<string> TokenPrefixes { get; init; } = ["sr"];

    /// <summary>Turns on the generic high-entropy assignment rule (noisy; off by default).</summary>
    public bool EnableGenericRule { get; init; }

    /// <summary>Rule ids to run; empty means every enabled rule.</summary>
    public IReadOnlyCollection<string> OnlyRules { get; init; } = [];
}
