using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>github-server-to-server-token</c>: GitHub App installation (server-to-server) token.</summary>
internal static partial class GitHubServerToServerTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>ghs_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "github-server-to-server-token",
        Description = "GitHub App installation (server-to-server) token",
        Confidence = Confidence.Certain,
        Keywords = ["ghs_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 40,
        Validate = GitHubChecksum.IsValid,
        TruePositives =
        [
            "GITHUB_TOKEN=ghs_FA68ov8cMga2qRenfF7pQqQWc9sDKT1bp0zZ",
            "git clone https://x-access-token:ghs_UBwfbwD8lAUZPPR0LTezNQNKF5idQc234E5B@github.com/org/repo",
        ],
        FalsePositives =
        [
            "ghs_7zADKi4zZgfI742pMalN53aIOJZfwZ2JzI4A",
            "ghs_51QjBNjlJbNJlLhk7BTxZS2W3OcrXXNRtsd",
            "ghs_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
