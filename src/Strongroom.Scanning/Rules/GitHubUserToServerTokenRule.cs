using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>github-user-to-server-token</c>: GitHub App user-to-server token.</summary>
internal static partial class GitHubUserToServerTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>ghu_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "github-user-to-server-token",
        Description = "GitHub App user-to-server token",
        Confidence = Confidence.Certain,
        Keywords = ["ghu_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 40,
        Validate = GitHubChecksum.IsValid,
        TruePositives =
        [
            "GITHUB_TOKEN=ghu_t1xs25cbyD970Gg2hzBgu0QMv2TmrC2N7tXr",
            "git clone https://x-access-token:ghu_gJI4JFuFDi5NRPzCQayOCFydkEqcry4PzEfs@github.com/org/repo",
        ],
        FalsePositives =
        [
            "ghu_Z6mThgAzAGcc9ZWkp6jcJbPMSsR56y4aBnUA",
            "ghu_w7tVpbuhbRmN9czo9Jq7bPTRnrqbP4F3tZh",
            "ghu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
