using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>slack-bot-token</c>: Slack bot token.</summary>
internal static partial class SlackBotTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>xoxb-[0-9]{8,13}-(?:[0-9]{10,13}-[A-Za-z0-9]{23,32}|[A-Za-z0-9]{18,26}))(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "slack-bot-token",
        Description = "Slack bot token",
        Confidence = Confidence.High,
        Keywords = ["xoxb-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 70,
        MinEntropy = 3.0,
        TruePositives =
        [
            "SLACK_BOT_TOKEN=xoxb-774234804329-5218368152005-MmbbxJvwMh55W2LSP7mFYtHY",
            "token=\"xoxb-22475692923-688838885246-V2bNDr2QbDWjQk7ysO0Fsyo6\"",
            "\"bot_token\": \"xoxb-068551685453-0908871474156-MvUly9jTtiTlDZZxwtWssuQLatk\"",
            "SLACK_TOKEN = 'xoxb-916895227263-k9O3sLkBI4mROFWhaNONmkvJ'",
        ],
        FalsePositives =
        [
            "xoxb-926170380881-8548907914373-sOWBupoczOSHNKbyyzz5",
            "xoxb-your-token-here",
            "xoxb-0000000000-0000000000-xxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
