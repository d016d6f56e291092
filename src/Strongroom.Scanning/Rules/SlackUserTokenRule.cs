using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>slack-user-token</c>: Slack user token.</summary>
internal static partial class SlackUserTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>xox[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "slack-user-token",
        Description = "Slack user token",
        Confidence = Confidence.High,
        Keywords = ["xoxp-", "xoxe-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 100,
        MinEntropy = 3.0,
        TruePositives =
        [
            "SLACK_TOKEN=xoxp-908991716951-207624255391-7332450586209-35a13f2b9ea15b965f057b047bf61b2c",
            "\"url_private\": \"https:\\/\\/files.slack.com\\/files-pri\\/T04MCQMEXQ9-F04MAA1PKE3\\/image.png?t=xoxe-4957524211810-2286817930998-6608507132274-ab646463a741367cef2"
                + "b8ca026b48673\"",
            "SLACK_USER_TOKEN=xoxp-1562808910686-5456538185621-0484082976764-YYFSfmzZMX2UHByjSx0d7U3l3IvvyuNt",
            "xoxp-16323965930-41778283740-660317094522-0c7b83d46efaeadae0738da5ca693124",
        ],
        FalsePositives =
        [
            "xoxp-144258554804-368330167765-4935549655727-3f0539dacd6142809687",
            "xoxp-xxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
