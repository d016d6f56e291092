using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>twilio-api-key</c>: Twilio API key SID.</summary>
internal static partial class TwilioApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>SK[0-9a-f]{32})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "twilio-api-key",
        Description = "Twilio API key SID",
        Confidence = Confidence.Medium,
        Keywords = ["SK0", "SK1", "SK2", "SK3", "SK4", "SK5", "SK6", "SK7", "SK8", "SK9", "SKa", "SKb", "SKc", "SKd", "SKe", "SKf"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 36,
        MinEntropy = 3.0,
        TruePositives =
        [
            "TWILIO_API_KEY=SK74b1bc359ec442c52cec764b53b35ff6",
            "api_key_sid = \"SK7aaf40b10fd3ae46cc7767aeafb05a6a\"",
        ],
        FalsePositives =
        [
            "SKebded0bf68c1f66a57f2",
            "SKUc87d02f615dd9ff67f5a0ba547e61ad6",
            "SK00000000000000000000000000000000",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
