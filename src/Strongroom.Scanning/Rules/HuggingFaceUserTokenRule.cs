using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>huggingface-user-token</c>: Hugging Face user access token.</summary>
internal static partial class HuggingFaceUserTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>hf_[A-Za-z0-9]{34})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "huggingface-user-token",
        Description = "Hugging Face user access token",
        Confidence = Confidence.High,
        Keywords = ["hf_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 40,
        MinEntropy = 3.5,
        Mix = new CharacterMix(Upper: 2, Lower: 2),
        TruePositives =
        [
            "HF_TOKEN=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",
            "login(token=\"hf_6WNZS1kkHJztBuR2PdLBJV79WzOexKhgPt\")",
        ],
        FalsePositives =
        [
            "hf_BDWBugHfPtQsEuqYb8YwIwT2EK7dr5Xmz",
            "HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "from huggingface_hub import hf_hub_download",
            "hf_thooxjaKXCL6KjUa7SFGXaSDyjiSFG6BdD7",
            "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",
            "HF_TOKEN=hf_G7PRQSE2T3ZZHQOUWQX7JK9RKAEHVBFRNY",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
