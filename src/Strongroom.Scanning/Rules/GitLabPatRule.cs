using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>gitlab-pat</c>: GitLab personal, project or group access token.</summary>
internal static partial class GitLabPatRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_.-]{20,200})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "gitlab-pat",
        Description = "GitLab personal, project or group access token",
        Confidence = Confidence.High,
        Keywords = ["glpat-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 208,
        MinEntropy = 3.0,
        TruePositives =
        [
            "CI_TOKEN=glpat-N9dBYVZensv0DeajnHBH",
            "token = \"glpat-9c5pR0IyL3UiugL23osI\"",
            "PRIVATE-TOKEN: glpat-KkOo01rEP45I6HlP5N8Gu9RHECs8ROetAtHF5dVM3VRB.01.ru9phdusn",
        ],
        FalsePositives =
        [
            "glpat-NNMVMRt0sHp-",
            "glpat-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "see glpat-<token>",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
