using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>github-classic-pat</c>: GitHub personal access token (classic).</summary>
internal static partial class GitHubClassicPatRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "github-classic-pat",
        Description = "GitHub personal access token (classic)",
        Confidence = Confidence.Certain,
        Keywords = ["ghp_"],
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
            "ghp_fNPuWk2ZOmkExmCaqOvI464RzoWUCD3WW5zA",
            "ghp_s8EEivmUENcKOgWIOr1ShvDF9VcvtIHKR5E",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
