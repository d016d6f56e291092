using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>openrouter-api-key</c>: OpenRouter API key.</summary>
internal static partial class OpenRouterApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>sk-or-v1-[0-9a-f]{64})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "openrouter-api-key",
        Description = "OpenRouter API key",
        Confidence = Confidence.High,
        Keywords = ["sk-or-v1-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 74,
        MinEntropy = 3.0,
        TruePositives =
        [
            "OPENROUTER_API_KEY=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",
            "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",
        ],
        FalsePositives =
        [
            "sk-or-v1-798b03e102666de148dc236cc8c4f7e3888b4de6",
            "sk-or-v1-0000000000000000000000000000000000000000000000000000000000000000",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
