using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>huggingface-org-token</c>: Hugging Face legacy organization API token.</summary>
internal static partial class HuggingFaceOrgTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>api_org_[A-Za-z]{34})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "huggingface-org-token",
        Description = "Hugging Face legacy organization API token",
        Confidence = Confidence.High,
        Keywords = ["api_org_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 45,
        MinEntropy = 3.5,
        Mix = new CharacterMix(Upper: 4, Lower: 4),
        TruePositives =
        [
            "token = \"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\"",
            "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",
        ],
        FalsePositives =
        [
            "api_org_vTWYJQqQfDFMuaGViVQy",
            "api_org_name = \"my-org\"",
            "api_org_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh",
            "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",
            "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",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
