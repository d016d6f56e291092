using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>together-api-key</c>: Together AI API key.</summary>
internal static partial class TogetherApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>tgp_v1_[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "together-api-key",
        Description = "Together AI API key",
        Confidence = Confidence.High,
        Keywords = ["tgp_v1_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 52,
        MinEntropy = 3.5,
        TruePositives =
        [
            "TOGETHER_API_KEY=tgp_v1_ciRvBSN9y2SZIkyJ9fULanDEi8n4WP3aIHv6wFfOVgy",
            "Together(api_key=\"tgp_v1_uCJBjdir_gGnQmCLX1NaUUFrWXNtXAbOEqAzoz2vXvI\")",
        ],
        FalsePositives =
        [
            "tgp_v1_ZcX-WQJdW3ksl0a5GlsKVYPDs4xh0b",
            "tgp_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
