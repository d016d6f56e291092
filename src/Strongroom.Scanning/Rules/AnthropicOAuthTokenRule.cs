using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>anthropic-oauth-token</c>: Anthropic OAuth access or refresh token (Claude subscription).</summary>
internal static partial class AnthropicOAuthTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>sk-ant-o[ar]t01-[A-Za-z0-9_-]{40,200})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "anthropic-oauth-token",
        Description = "Anthropic OAuth access or refresh token (Claude subscription)",
        Confidence = Confidence.High,
        Keywords = ["sk-ant-oat01-", "sk-ant-ort01-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 218,
        MinEntropy = 4.0,
        TruePositives =
        [
            "CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-v11K9B8xEabV2isDDf304eQ-oVctlpc6uRZ_txe8EjzAjp8XzRs0LU5XO_XIdlu-a_iCOoxvSQSNFnviw2VueE0ubS_WFAA",
            "\"refreshToken\": \"sk-ant-ort01-Fui409hKgHLe1FvYiRst9gGr9dBUtV2_9NrJrbWqdHPF1GZrrsmYmxd5sjpKqMPY-CvxxWzfhbX7iYwDGOfFXtNL_mhPNAA\"",
        ],
        FalsePositives =
        [
            "sk-ant-oat01-tooShort",
            "CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "sk-ant-oat01-...",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
