using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>discord-webhook-url</c>: Discord webhook URL.</summary>
internal static partial class DiscordWebhookRule
{
    private const string PatternText = @"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}";

    public static SecretRule Create() => new()
    {
        Id = "discord-webhook-url",
        Description = "Discord webhook URL",
        Confidence = Confidence.High,
        Keywords = ["/api/webhooks/"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 130,
        LookBehind = 36,
        MinEntropy = 3.5,
        TruePositives =
        [
            "DISCORD_WEBHOOK=https://discord.com/api/webhooks/1940556179203140606/my7J9jwfIFUJYpAACin9TgpH-wkBrO2Qj8nvSzUh4mMgUFec5iOzAEseUzB1zosYG6wv",
            "https://discordapp.com/api/webhooks/119341539573041837/PL-E2VP2Vt4z7-h5esvdicn31NZfiZxZzBEgRDdCFXSduwmqcjxXLg84CFuCnFaOopeB",
        ],
        FalsePositives =
        [
            "https://discord.com/api/webhooks/9818732033450711470/NnHPBa77-zVOw-bpdcxjIISSPEDS9p",
            "https://discord.com/api/webhooks/{id}/{token}",
            "https://example.org/api/webhooks/4840259278324519148/WBtwgrm-3uzbMMAqSX1WvdGNapGoMjqlQstyLCOMBtTY4k1CCYv0qxgjdLRgUNNlQSK2",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
