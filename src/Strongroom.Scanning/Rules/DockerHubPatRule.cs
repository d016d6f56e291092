using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>dockerhub-pat</c>: Docker Hub personal or organization access token.</summary>
internal static partial class DockerHubPatRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "dockerhub-pat",
        Description = "Docker Hub personal or organization access token",
        Confidence = Confidence.High,
        Keywords = ["dckr_pat_", "dckr_oat_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 44,
        MinEntropy = 3.5,
        TruePositives =
        [
            "DOCKER_PASSWORD=dckr_pat_kmQQlLZ3Gu9OOZznkzOXgkA0YPS",
            "echo dckr_oat_h_T1L20Padmz328bDaTOV_VCdFvZAryJ | docker login",
        ],
        FalsePositives =
        [
            "dckr_pat_hyOyYbtaRpn0TpDSDTeM",
            "dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
