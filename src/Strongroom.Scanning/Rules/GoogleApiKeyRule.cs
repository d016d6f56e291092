using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>google-api-key</c>: Google API key (Gemini, Maps, Firebase).</summary>
internal static partial class GoogleApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "google-api-key",
        Description = "Google API key (Gemini, Maps, Firebase)",
        Confidence = Confidence.High,
        Keywords = ["AIza"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 45,
        MinEntropy = 3.5,
        TruePositives =
        [
            "GOOGLE_API_KEY=AIzayuvFUQbuCJuWEpCq2sVnwDNlSvWifDfH1Yg",
            "genai.configure(api_key=\"AIzaYGGSgPAeB_XIf4gV3WwUwRYgqhzrXMDRmJE\")",
        ],
        FalsePositives =
        [
            "AIzaalXy3Fo4cAaF1v0yp2hLKqBpvq49OH",
            "AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "AIzaVJ-YXyga_TWZH4N8558ISULAunrdaJsI2ala",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
