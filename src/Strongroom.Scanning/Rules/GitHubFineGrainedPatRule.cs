using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>github-fine-grained-pat</c>: GitHub fine-grained personal access token.</summary>
internal static partial class GitHubFineGrainedPatRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "github-fine-grained-pat",
        Description = "GitHub fine-grained personal access token",
        Confidence = Confidence.High,
        Keywords = ["github_pat_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 95,
        MinEntropy = 4.0,
        Mix = new CharacterMix(Upper: 14, Lower: 14, Digits: 1),
        TruePositives =
        [
            "GH_TOKEN=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",
            "token: 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",
        ],
        FalsePositives =
        [
            "github_pat_ObpRLcsGGcY8teP1gtpipi_IEqHaMS4HiVbuwHvC8kehZ0tlIsotzACbf7bNbG7",
            "github_pat_<token>",
            "github_pat_07dgWGT3Ue74rH2Z2VABwR_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "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",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
