using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>replicate-api-token</c>: Replicate API token.</summary>
internal static partial class ReplicateApiTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>r8_[A-Za-z0-9]{37})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "replicate-api-token",
        Description = "Replicate API token",
        Confidence = Confidence.High,
        Keywords = ["r8_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 42,
        MinEntropy = 3.5,
        TruePositives =
        [
            "REPLICATE_API_TOKEN=r8_Q05I8gR9d8U0iw0IFyacQjWxqfdoFqb43Or0Q",
            "replicate.Client(api_token=\"r8_uCFLE5fz3sEBnQV4D8yBkXcia41VCxGNYiQu2\")",
        ],
        FalsePositives =
        [
            "r8_hIcKg7flRR5WDuQN57iS",
            "r8_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
