using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>notion-token</c>: Notion integration token.</summary>
internal static partial class NotionTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "notion-token",
        Description = "Notion integration token",
        Confidence = Confidence.High,
        Keywords = ["ntn_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 52,
        MinEntropy = 3.5,
        TruePositives =
        [
            "NOTION_TOKEN=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",
            "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",
        ],
        FalsePositives =
        [
            "ntn_31132909057eN1dSFBdLL",
            "ntn_version",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
