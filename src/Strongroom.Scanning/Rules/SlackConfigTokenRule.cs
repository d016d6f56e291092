using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>slack-config-token</c>: Slack app configuration access or refresh token.</summary>
internal static partial class SlackConfigTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{160,170}|xoxe-[0-9]-[A-Za-z0-9]{140,150})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "slack-config-token",
        Description = "Slack app configuration access or refresh token",
        Confidence = Confidence.High,
        Keywords = ["xoxe.xoxp-", "xoxe.xoxb-", "xoxe-1-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 186,
        MinEntropy = 4.0,
        TruePositives =
        [
            "\"access_token\": \"xoxe.xoxp-1-HcWjOWW9WFVicA8j92w3Yr8PBpvQMlXaAdSx9Fx76miQLI1ozUsqrqxWyfA7pdMpoWqgDf69rhl5X9LEh4Jm5OVpS0QxeOZYpTatuteLyHzT5eXeka7ZJlKWdDq9Oh2Og25Dy"
                + "fcz20oBP0bkCzDvCh0pst6dkd9JsmR\"",
            "SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-n75Rp23f297cFRb05XYUZMkzoM6XZ3maDjBKjF22sWcc7Uz7iT27z9WTnVltWXKufruv2tCcUjVrVnZbhV05vXTy3AbnK4Lgln54ZwI3I11ndi49HZtQqSIkgK0SAM5Y8EY"
                + "fgBpXO68zOVxRZu",
        ],
        FalsePositives =
        [
            "xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere",
            "xoxe-1-xxx",
            "xoxe.xoxp-1-initial",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
