using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>langsmith-api-key</c>: LangSmith API key.</summary>
internal static partial class LangSmithApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "langsmith-api-key",
        Description = "LangSmith API key",
        Confidence = Confidence.High,
        Keywords = ["lsv2_pt_", "lsv2_sk_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 52,
        MinEntropy = 3.0,
        TruePositives =
        [
            "LANGSMITH_API_KEY=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",
            "LANGCHAIN_API_KEY=\"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\"",
        ],
        FalsePositives =
        [
            "lsv2_pt_5a391fc75b4c249a91e11dc905aa6f83",
            "lsv2_pt_...",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
