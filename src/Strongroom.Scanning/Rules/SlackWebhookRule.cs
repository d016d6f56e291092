using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>slack-webhook-url</c>: Slack incoming webhook URL.</summary>
internal static partial class SlackWebhookRule
{
    private const string PatternText = @"https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "slack-webhook-url",
        Description = "Slack incoming webhook URL",
        Confidence = Confidence.High,
        Keywords = ["hooks.slack.com/services/"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 90,
        LookBehind = 8,
        MinEntropy = 3.0,
        TruePositives =
        [
            "SLACK_WEBHOOK=https://hooks.slack.com/services/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",
            "url: \"https://hooks.slack.com/services/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\"",
        ],
        FalsePositives =
        [
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
            "https://hooks.slack.com/services/YOUR/WEBHOOK/URL",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
