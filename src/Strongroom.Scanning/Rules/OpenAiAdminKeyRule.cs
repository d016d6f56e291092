using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>openai-admin-key</c>: OpenAI admin API key.</summary>
internal static partial class OpenAiAdminKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>sk-admin-[A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "openai-admin-key",
        Description = "OpenAI admin API key",
        Confidence = Confidence.High,
        Keywords = ["sk-admin-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 240,
        TruePositives =
        [
            "OPENAI_API_KEY=\"sk-admin-KDldblZuMOAtnIao1oxmFkdHvFofCX6_wiPcEkW5oJVm_Jidjte64XitBj7rtqHAX2sZtUDq5YT3BlbkFJzS5-MBXHAy-zKw4yZ_-IxhS1NpqJRko3J6ghtz1sCQQoJXpPeNqQaP2mF"
                + "HUaCmtVJk-00r5v-x\"",
            "key: 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",
        ],
        FalsePositives =
        [
            "sk-admin-KU0hHFjDe5VkOOpc29yDBXCdsxBICrskH3dzcDZjnVUyJ4aBWgIxTLZHE9q-wfLtKwQdQxRY1CEumhnoHjnOJiGkC4MFwE2xFCFZTVUt-Yh_i_AFm4usIFGRewjetHegTEF57pXXVq_UVJyF-1Tw8z",
            "sk-admin-xxxxxxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxxxxxx",
            "sk-admin-...",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
