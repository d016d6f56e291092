namespace Strongroom.Scanning.Engine;

/// <summary>What the engine looks for.</summary>
public sealed class ScanOptions
{
    /// <summary>Prefixes of Strongroom tokens to find (configuration <c>Tokens:Prefix</c>); default <c>sr</c>.</summary>
    public IReadOnlyList<string> TokenPrefixes { get; init; } = ["sr"];

    /// <summary>Turns on the generic high-entropy assignment rule (noisy; off by default).</summary>
    public bool EnableGenericRule { get; init; }

    /// <summary>
    /// How many layers of base64 to decode around a keyword's encoded form (gitleaks'
    /// <c>--max-decode-depth</c>); 0 turns decoding off. Default 2.
    /// </summary>
    public int MaxDecodeDepth { get; init; } = 2;

    /// <summary>Custom rules and allowlists (<c>.strongroom.toml</c> or a gitleaks config), or null.</summary>
    public Config.ScanConfig? Config { get; init; }

    /// <summary>Rule ids to run; empty means every enabled rule.</summary>
    public IReadOnlyCollection<string> OnlyRules { get; init; } = [];
}
