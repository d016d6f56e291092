using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>slack-webhook-url</c>: Slack incoming webhook URL.</summary>
internal static partial class SlackWebhookRule
{
    private const string PatternText =
        @"(?:https?:\\?/\\?/)?hooks\.slack\.com\\?/(?:services\\?/T[A-Z0-9]{8,12}\\?/B[A-Z0-9]{8,12}\\?/[A-Za-z0-9]{24}"
        + @"|workflows\\?/T[A-Z0-9]{8,12}\\?/A[A-Z0-9]{8,12}\\?/[0-9]{15,20}\\?/[A-Za-z0-9]{24,32}|triggers\\?/T[A-Z0-9]{8,12}\\?/[0-9]{10,20}\\?/[A-Za-z0-9]{24,40})"
        + @"(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "slack-webhook-url",
        Description = "Slack incoming or workflow webhook URL",
        Confidence = Confidence.High,
        Keywords = ["hooks.slack.com"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 120,
        LookBehind = 10,
        MinEntropy = 3.0,
        TruePositives =
        [
            "SLACK_WEBHOOK=https://hooks.slack.com/services/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",
            "url: \"https://hooks.slack.com/services/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\"",
            "{\"webhook\": \"https:\\/\\/hooks.slack.com\\/services\\/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\"}",
            "http://hooks.slack.com/services/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",
            "https://hooks.slack.com/workflows/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",
            "SLACK_TRIGGER=https://hooks.slack.com/triggers/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",
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
