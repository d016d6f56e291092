using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>perplexity-api-key</c>: Perplexity API key.</summary>
internal static partial class PerplexityApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>pplx-[A-Za-z0-9]{48})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "perplexity-api-key",
        Description = "Perplexity API key",
        Confidence = Confidence.High,
        Keywords = ["pplx-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 54,
        MinEntropy = 4.0,
        TruePositives =
        [
            "PPLX_API_KEY=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",
            "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",
        ],
        FalsePositives =
        [
            "pplx-WTvZHUzN94QaIn6aweOXswG987fqs4",
            "pplx-api",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
