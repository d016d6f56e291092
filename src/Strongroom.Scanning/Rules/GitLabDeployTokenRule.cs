using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>gitlab-deploy-token</c>: GitLab deploy token.</summary>
internal static partial class GitLabDeployTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>gldt-[A-Za-z0-9_.-]{20,64})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "gitlab-deploy-token",
        Description = "GitLab deploy token",
        Confidence = Confidence.High,
        Keywords = ["gldt-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 72,
        MinEntropy = 3.0,
        TruePositives =
        [
            "CI_TOKEN=gldt-utDeqkAN2xbD1E0KA-Xl",
            "token = \"gldt-l-UjZAi30f_VZx_zsl3O\"",
        ],
        FalsePositives =
        [
            "gldt-Aa_gbP_zNnrB",
            "gldt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "see gldt-<token>",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
