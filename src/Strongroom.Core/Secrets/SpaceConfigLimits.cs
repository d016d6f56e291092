using System.Text.RegularExpressions;

namespace Strongroom.Core.Secrets;

/// <summary>The rules for a Space's secret and variable keys and values.</summary>
public static partial class SpaceConfigLimits
{
    public const int MaxKeyLength = 128;
    public const int MaxDescriptionLength = 1000;
    /// <summary>The largest value, in UTF-8 bytes: 64 KiB.</summary>
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>A key as the hub accepts it: a letter, then letters, digits and underscores.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && KeyPattern().IsMatch(key);

    [GeneratedRegex(@"^[a-zA-Z][_a-zA-Z0-9]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
