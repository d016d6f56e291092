using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>generic-secret-assignment</c>: High-entropy value assigned to a secret-looking name (generic; off by default).</summary>
internal static partial class GenericSecretAssignmentRule
{
    private const string PatternText =
        @"(?:secret|SECRET|Secret|token|TOKEN|Token|password|PASSWORD|Password|passwd|api_key|API_KEY|apikey|apiKey"
        + @"|ApiKey)[A-Za-z0-9_]{0,20}[""\x27]?[ \t\r\n]{0,3}[:=]{1,2}[ \t\r\n]{0,3}[""\x27](?<secret>[A-Za-z0-9+/=_.-]{20,100})[""\x27]";

    public static SecretRule Create() => new()
    {
        Id = "generic-secret-assignment",
        Description = "High-entropy value assigned to a secret-looking name (generic; off by default)",
        Confidence = Confidence.Low,
        Keywords = ["secret", "SECRET", "Secret", "token", "TOKEN", "Token", "password", "PASSWORD", "Password", "passwd", "api_key", "API_KEY", "apikey", "apiKey", "ApiKey"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 150,
        MinEntropy = 4.2,
        EnabledByDefault = false,
        TruePositives =
        [
            "client_secret = \"IscKzI4hagAko6xY+sdkjuytF6m4IF78\"",
            "API_TOKEN: 'rkBYndSUiS3BONvvhFLcWLW2NflqLLO4tqZtqFeM'",
        ],
        FalsePositives =
        [
            "password = \"correct horse battery staple\"",
            "token = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
            "secret_name = \"prod-db-credentials-for-the-hub\"",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
