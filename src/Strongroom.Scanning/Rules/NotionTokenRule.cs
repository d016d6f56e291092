using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>notion-token</c>: Notion integration token.</summary>
internal static partial class NotionTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "notion-token",
        Description = "Notion integration token (ntn_, or legacy secret_)",
        Confidence = Confidence.High,
        Keywords = ["ntn_", "secret_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 52,
        MinEntropy = 3.5,
        TruePositives =
        [
            "NOTION_TOKEN=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",
            "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",
            "NOTION_TOKEN=secret_Zqumpm08hsE8JNpjJOQGa2rb19FlY0mG1ylvuhfJXqI",
            "notion = Client(auth=\"secret_Enomef2mSJ5CMTIeg1ZTVnVv2fgKD0f6YYIgrCOX6Jh\")",
        ],
        FalsePositives =
        [
            "ntn_31132909057eN1dSFBdLL",
            "ntn_version",
            "client_secret_key_name_for_the_oauth_app_settings_page",
            "secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
