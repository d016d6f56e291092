using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>cloudflare-api-token</c>: Cloudflare API token in an assignment.</summary>
internal static partial class CloudflareApiTokenRule
{
    private const string PatternText =
        @"(?:CLOUDFLARE|[Cc]loudflare|CF_API)[A-Za-z_]{0,20}[""\x27]?[ \t\r\n]{0,3}[:=]{1,2}[ \t\r\n]{0,3}[""\x27]?(?<secret>[A-Za-z0-9_-]{40})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "cloudflare-api-token",
        Description = "Cloudflare API token in an assignment",
        Confidence = Confidence.Medium,
        Keywords = ["CLOUDFLARE", "cloudflare", "Cloudflare", "CF_API_TOKEN", "CF_API_KEY"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 80,
        MinEntropy = 4.0,
        TruePositives =
        [
            "CLOUDFLARE_API_TOKEN=iCrR8zBlAmxpGtRqSJ5aAbxV4JZUdM8dQHlCM6vY",
            "CF_API_TOKEN: \"NQ2qpW7pG-t0EKxlI4zAQ6OcfZjPWAaHI1Y0g7Mp\"",
        ],
        FalsePositives =
        [
            "CLOUDFLARE_API_TOKEN=kWw8joqOvjssHRI_tOKd_mMtyLmtFW",
            "cloudflare_zone = \"example-zone\"",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
