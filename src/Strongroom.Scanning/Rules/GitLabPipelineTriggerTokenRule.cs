using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>gitlab-pipeline-trigger-token</c>: GitLab pipeline trigger token.</summary>
internal static partial class GitLabPipelineTriggerTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>glptt-[0-9a-f]{40})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "gitlab-pipeline-trigger-token",
        Description = "GitLab pipeline trigger token",
        Confidence = Confidence.High,
        Keywords = ["glptt-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 48,
        MinEntropy = 3.0,
        TruePositives =
        [
            "CI_TOKEN=glptt-7998d3435c3b9c1b35acf896ad34422f7cb175e8",
            "token = \"glptt-a2f7eac9dc27eed664cbc72b2acd3e46eef9df41\"",
        ],
        FalsePositives =
        [
            "glptt-438d13f8d962",
            "glptt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "see glptt-<token>",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
