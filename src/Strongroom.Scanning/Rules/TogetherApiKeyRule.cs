using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>together-api-key</c>: Together AI API key.</summary>
internal static partial class TogetherApiKeyRule
{
    private const string PatternText =
        @"(?:^|[^A-Za-z0-9_-])(?<secret>tgp_v1_[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)"
        + @"|(?:TOGETHER|Together|together_api)[A-Za-z_.]{0,20}[""\x27]?[ \t\r\n]{0,3}[:=(]{1,2}[ \t\r\n]{0,3}(?:api_key[ \t]{0,2}=[ \t]{0,2})?[""\x27]?"
        + @"(?<secret>[0-9a-f]{64})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "together-api-key",
        Description = "Together AI API key",
        Confidence = Confidence.High,
        Keywords = ["tgp_v1_", "TOGETHER", "Together", "together_api"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 120,
        LookBehind = 1,
        MinEntropy = 3.5,
        TruePositives =
        [
            "TOGETHER_API_KEY=tgp_v1_ciRvBSN9y2SZIkyJ9fULanDEi8n4WP3aIHv6wFfOVgy",
            "Together(api_key=\"tgp_v1_uCJBjdir_gGnQmCLX1NaUUFrWXNtXAbOEqAzoz2vXvI\")",
            "TOGETHER_API_KEY=f010c0237d1cf62c34638887a2c0a6d0ec40c766adada1cae8b51ff389796e02",
            "client = Together(api_key=\"6f977a58002df776f9a4c9cb1b8212b0cfb5058fd1820ac8053e869015bdd9d2\")",
        ],
        FalsePositives =
        [
            "tgp_v1_ZcX-WQJdW3ksl0a5GlsKVYPDs4xh0b",
            "tgp_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "Together we ship 4f3a9c0d2b7e8a1c6d5f4e3b2a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
