using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>google-service-account-key</c>: Google Cloud service-account private key (JSON key file).</summary>
internal static partial class GoogleServiceAccountKeyRule
{
    private const string PatternText = @"private_key\\?""[ \t\r\n]{0,5}:[ \t\r\n]{0,5}\\?""(?<secret>-----BEGIN PRIVATE KEY-----\\{1,2}n[A-Za-z0-9+/=]{64,300})";

    public static SecretRule Create() => new()
    {
        Id = "google-service-account-key",
        Description = "Google Cloud service-account private key (JSON key file)",
        Confidence = Confidence.High,
        Keywords = ["private_key\"", "private_key\\\""],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 360,
        MinEntropy = 4.0,
        AllowRepeats = true,
        TruePositives =
        [
            "{\n  \"type\": \"service_account\",\n  \"private_key_id\": \"e5e9b0b0bc0417ccf90f47764555c5dce92e2685\",\n"
                + "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEv0M7gNLScMM12d6HgcLyYSf4GkentYGZBsbBHQt0ikK3KQ8y+CDqupBnp96spOcADrfiO9a6Fd94Edn7FmL6hfYbBavAQcxzXZ2cU4Cp"
                + "dOco+ANTvdLOC4w+r2N04gn6TRHe5qYyO1GodJsM+pKTP/mmtw/b57wkDV+q9jVSHvBTjNB/ceeRe3eq/kb0GEbG0ClRwF4N3\\noutVSJlLhyDdMnmVqIUN/ncEr9KFF52R7s5L2rdSs+WNi83Mnofu5gi3B0y"
                + "BE0OS\\n-----END PRIVATE KEY-----\\n\",\n}",
            "\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvuQWj6HcH1YMJkxbSuEJ477j3EnXNiyTuVqmwX38HL1GBniky8xNj+OBqOI/Ki2V/DW/S/VUl4x9FMNbsz3vjxH57MsOJizVvHtMprXNs63Ttb0ND"
                + "+bMZvfBp\\n\"",
            "{\"credentials\": \"{\\\"type\\\": \\\"service_account\\\", \\\"private_key\\\": \\\"-----BEGIN PRIVATE "
                + "KEY-----\\\\nMIIEvltT7H4PKMENTPxcoG3iqU8V7NUVKxlo12gOLCeneLlC8CuQR/GKnJB/ekCC\\\\n2QtpmA7VvAQaZs/QnlSf3Uq8p6GZleKL8vK50YKHrCkF2O7Q5Gijz1N1EL2ZmGSY\\\\n-----END"
                + " PRIVATE KEY-----\\\\n\\\"}\"}",
        ],
        FalsePositives =
        [
            "\"private_key\": \"\"",
            "\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n<your key here>\\n-----END PRIVATE KEY-----\\n\"",
            "\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEv...\"",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
