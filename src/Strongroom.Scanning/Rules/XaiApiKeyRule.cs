using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>xai-api-key</c>: xAI (Grok) API key.</summary>
internal static partial class XaiApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>xai-[A-Za-z0-9]{80})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "xai-api-key",
        Description = "xAI (Grok) API key",
        Confidence = Confidence.High,
        Keywords = ["xai-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 86,
        MinEntropy = 4.0,
        TruePositives =
        [
            "XAI_API_KEY=xai-DxDNfZC1GmJ0wZB7ABuNgjnfgbN510kJTX2XkUxm0xjErxiwlG7Kr53VDw3uNn1aT67Gho1vjLrsyk8t",
            "api_key=\"xai-jKX5Hfj8JQJjsV8lxNQLix8X4qgnK8MXiTN0nluKtvXoNVrG9wDdfhZzGgRgyziOmVcmuD5wsFr6HjGM\"",
        ],
        FalsePositives =
        [
            "xai-3I14Ua1pEmqCHabZdUtqk5D6yEMM8Fg27eKbFxc4",
            "xai-sdk",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
