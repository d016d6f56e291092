using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>sendgrid-api-key</c>: SendGrid API key.</summary>
internal static partial class SendGridApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "sendgrid-api-key",
        Description = "SendGrid API key",
        Confidence = Confidence.High,
        Keywords = ["SG."],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 72,
        MinEntropy = 3.5,
        TruePositives =
        [
            "SENDGRID_API_KEY=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",
            "sg = SendGridAPIClient(\"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\")",
        ],
        FalsePositives =
        [
            "SG.CA-IAkpGINg8o2gIcVcVmC.O6VaTK5nROU499BWILDf",
            "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "SG.Group.Name",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
