using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>github-oauth-token</c>: GitHub OAuth access token.</summary>
internal static partial class GitHubOAuthTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>gho_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "github-oauth-token",
        Description = "GitHub OAuth access token",
        Confidence = Confidence.Certain,
        Keywords = ["gho_"],
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
            "gho_uCN8ip99wOTGSfuRpw27BPELdFHzDH3X2QLA",
            "gho_WpenvzyuVoY7q6IM09g6WTWDqPB1oobHwZX",
            "gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
