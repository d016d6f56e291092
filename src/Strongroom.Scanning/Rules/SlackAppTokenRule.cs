using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>slack-app-token</c>: Slack app-level token.</summary>
internal static partial class SlackAppTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>xapp-[0-9]-[A-Z0-9]{9,11}-[0-9]{10,13}-[a-z0-9]{64})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "slack-app-token",
        Description = "Slack app-level token",
        Confidence = Confidence.High,
        Keywords = ["xapp-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 110,
        MinEntropy = 3.0,
        TruePositives =
        [
            "SLACK_APP_TOKEN=xapp-1-AJZ6O5OKMBH-2723583338120-c12791faa5302e0329d8906475b1c5584401ccd5f23abf1be50cf7d0f83dbe59",
            "xapp-1-AFRA9W5F4L-895755012441-hvnwoz7phiwv65v0id4iemmo8atcvlupzugi8bazr5k9gntt7eaq9b15o44euub5",
        ],
        FalsePositives =
        [
            "xapp-1-A058DOV7ZJV-0844378798961-82a9081cfa0dd27f4391b4c2407f4dee0911474e",
            "xapp-1-xxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
