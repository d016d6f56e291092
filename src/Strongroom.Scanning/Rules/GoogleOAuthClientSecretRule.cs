using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>google-oauth-client-secret</c>: Google OAuth client secret.</summary>
internal static partial class GoogleOAuthClientSecretRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "google-oauth-client-secret",
        Description = "Google OAuth client secret",
        Confidence = Confidence.High,
        Keywords = ["GOCSPX-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 36,
        MinEntropy = 3.5,
        TruePositives =
        [
            "\"client_secret\": \"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\"",
            "GOOGLE_CLIENT_SECRET=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",
        ],
        FalsePositives =
        [
            "GOCSPX-FkuDbLeYZtPdIDjE_rXH",
            "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it",
            "GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
