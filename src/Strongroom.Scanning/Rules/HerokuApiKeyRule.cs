using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>heroku-api-key</c>: Heroku API key (HRKU format).</summary>
internal static partial class HerokuApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>HRKU-[A-Za-z0-9_-]{60})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "heroku-api-key",
        Description = "Heroku API key (HRKU format)",
        Confidence = Confidence.High,
        Keywords = ["HRKU-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 68,
        MinEntropy = 4.0,
        TruePositives =
        [
            "HEROKU_API_KEY=HRKU-fy6h74M7Q2UjBbWyjDPvzj90FrjrTw5dzxSYZrvM8sWi7cHZsFWkU3aVeiy4",
            "HRKU-isMCszfbZkWebIrrEL-z39gV01YsXTb7c5_fQjzcimWf7JxtyfXelS39KO9l",
        ],
        FalsePositives =
        [
            "HRKU-e30GL4ZocFPE48HjQgIY0pCJq1axc9",
            "HRKU-xxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
