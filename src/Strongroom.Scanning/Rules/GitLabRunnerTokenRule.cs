using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>gitlab-runner-token</c>: GitLab runner authentication token.</summary>
internal static partial class GitLabRunnerTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>glrt-[A-Za-z0-9_.-]{20,200})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "gitlab-runner-token",
        Description = "GitLab runner authentication token",
        Confidence = Confidence.High,
        Keywords = ["glrt-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 208,
        MinEntropy = 3.0,
        TruePositives =
        [
            "CI_TOKEN=glrt-gQ0jlT1TeV4i7_Qhs53D",
            "token = \"glrt-SdFnw645NOpZgpeAJ5q1\"",
            "  token = \"glrt-t1_5eVxhPuXpGruawHQtJzylRh4cx3.01.9hejfhuad\"",
        ],
        FalsePositives =
        [
            "glrt--hc_NmpMnBLj",
            "glrt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "see glrt-<token>",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
