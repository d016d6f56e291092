using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>twilio-auth-token</c>: Twilio auth token.</summary>
internal static partial class TwilioAuthTokenRule
{
    private const string PatternText =
        @"(?:(?:TWILIO_AUTH_TOKEN|twilio_auth_token|[Tt]wilioAuthToken)[""""\x27]?[ \t]{0,3}[:=]{1,2}[ \t]{0,3}[""""\x27]?"
        + @"|Client\([""""\x27]AC[0-9a-f]{32}[""""\x27],[ \t]{0,3}[""""\x27])(?<secret>[0-9a-f]{32})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "twilio-auth-token",
        Description = "Twilio auth token",
        Confidence = Confidence.Medium,
        Keywords = ["TWILIO_AUTH_TOKEN", "twilio_auth_token", "TwilioAuthToken", "twilioAuthToken", "Client(\"AC", "Client('AC"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 90,
        MinEntropy = 3.0,
        TruePositives =
        [
            "TWILIO_AUTH_TOKEN=37a1f6ad3aaa106486fdd86e8659a68e",
            "client = Client(\"AC08564c9331865d370b67b528e52c2696\", \"af7768d1b8d22c413aabf2f686d16775\")",
        ],
        FalsePositives =
        [
            "TWILIO_AUTH_TOKEN=your_auth_token",
            "TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
