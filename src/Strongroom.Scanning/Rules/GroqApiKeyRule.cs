using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>groq-api-key</c>: Groq API key.</summary>
internal static partial class GroqApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "groq-api-key",
        Description = "Groq API key",
        Confidence = Confidence.High,
        Keywords = ["gsk_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 58,
        MinEntropy = 3.5,
        TruePositives =
        [
            "GROQ_API_KEY=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",
            "Groq(api_key=\"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\")",
        ],
        FalsePositives =
        [
            "gsk_w2o8JwAxRn5FLCWOyEVcSf0xCXeRCTkU9XNEvUzf",
            "gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
