using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>telegram-bot-token</c>: Telegram bot token.</summary>
internal static partial class TelegramBotTokenRule
{
    private const string PatternText = @"(?:^|[^0-9])(?<secret>[0-9]{8,11}:AA[A-Za-z0-9_-]{33})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "telegram-bot-token",
        Description = "Telegram bot token",
        Confidence = Confidence.High,
        Keywords = [":AA"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 49,
        LookBehind = 13,
        MinEntropy = 3.5,
        TruePositives =
        [
            "TELEGRAM_BOT_TOKEN=5381058979:AAc8Lcp-9GRkhdWC0bx8oZyE-otu-KgkHDP",
            "bot = Bot(\"323975962:AAHTx3UXmtzVb7CmNe5QOjcyepKaMZnRnwM\")",
        ],
        FalsePositives =
        [
            "5581967310:AAvocRIWV3i83DyQJuXk6H",
            "time 12:AA",
            "3103482775:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
