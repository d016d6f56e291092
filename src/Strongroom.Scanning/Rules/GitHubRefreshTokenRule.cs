using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>github-refresh-token</c>: GitHub App refresh token.</summary>
internal static partial class GitHubRefreshTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>ghr_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "github-refresh-token",
        Description = "GitHub App refresh token",
        Confidence = Confidence.Certain,
        Keywords = ["ghr_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 40,
        Validate = GitHubChecksum.IsValid,
        TruePositives =
        [
            "GITHUB_TOKEN=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",
            "git clone https://x-access-token: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@github.com/org/repo",
        ],
        FalsePositives =
        [
            "ghr_PcL0KZuPmMmRVl36GZS8oGNwqO13wm4Lao6A",
            "ghr_OQHa9kJ7bDviU65fGDl4JthNkXKGu9VTrwJ",
            "ghr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
