using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>discord-bot-token</c>: Discord bot token in an assignment.</summary>
internal static partial class DiscordBotTokenRule
{
    private const string PatternText =
        @"(?:(?:DISCORD|[Dd]iscord)[A-Za-z_]{0,20}[""\x27]?[ \t\r\n]{0,3}[:=]{1,2}[ \t\r\n]{0,3}[""\x27]?|\.(?:run|login)\([""\x27]"
        + @"|Bot )(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})";

    public static SecretRule Create() => new()
    {
        Id = "discord-bot-token",
        Description = "Discord bot token in an assignment",
        Confidence = Confidence.Medium,
        Keywords = ["DISCORD", "discord", "Discord", ".run(\"", ".run('", ".login(\"", ".login('", "Bot M", "Bot N", "Bot O"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 130,
        MinEntropy = 4.0,
        TruePositives =
        [
            "DISCORD_TOKEN=\"MU0mWc18kOwTdFg5sex4bZOK95.wtlgQu.8mmTZXGeIAe9uwRV7Hexc3qQ0Kt-bMAyv33sOb\"",
            "discord_bot_token: N6MFnjGJn9IGdkQqRmQfLZPd.FN7WyR.GIwB0ZEo0CwIgaxQASFGA36XcTc",
            "client.run(\"OTY5MjY4NDg3MzI1NDI5MzE2MA.owWCLd.CobmuMWZPTjRKuoimIOnLeSXm98yyqHFgf3eQV\")",
            "bot.run('ODc4NjE2OTA2MzAyNTE3NzI2OA.6tD96S.fJubCbKTzZoURoCh3g8pswaLiIja3JwyhJ9HiQ')",
            "client.login(\"MTMwNjY4MTI0NzI3MzEwNDM0MQ.K_MZZM.5jOGqqqj4YS4kJrJUFeD_jI0r5GqDUoOP-sakZ\");",
            "Authorization: Bot NzUyNDYyNjkzNzczNDkyMzQ4Mw.W5CCus.aQNbBqvycjpmYgNZqJuiPOKceAoycvjwou2IWV",
        ],
        FalsePositives =
        [
            "DISCORD_TOKEN=os.getenv(\"DISCORD_TOKEN\")",
            "discord_token = \"MDJa22IssvQatUPEZ1NIEDKr8S.kAcnYF\"",
            "app.run(\"main.py\")",
            "Bot Name: Mybot.example.com",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
