using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>cloudflare-global-api-key</c>: Cloudflare global API key.</summary>
internal static partial class CloudflareGlobalApiKeyRule
{
    private const string PatternText =
        @"(?:CLOUDFLARE|[Cc]loudflare|CF_API|X-Auth-Key)[A-Za-z_]{0,20}[""""\x27]?[ \t]{0,3}[:=]{1,2}[ \t]{0,3}[""""\x27]?(?<secret>[0-9a-f]{37})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "cloudflare-global-api-key",
        Description = "Cloudflare global API key",
        Confidence = Confidence.Medium,
        Keywords = ["CLOUDFLARE", "cloudflare", "Cloudflare", "CF_API_KEY", "X-Auth-Key"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 90,
        MinEntropy = 3.0,
        TruePositives =
        [
            "CLOUDFLARE_API_KEY=26492592bfcccad18170e71c72d676d59a03d",
            "curl -H \"X-Auth-Email: me@example.com\" -H \"X-Auth-Key: 9ab67e55795e694df3c28189a842deff2f8b3\"",
            "cloudflare_global_key: \"87cdf5817bdab01b6faf9c8f6756bef01385f\"",
        ],
        FalsePositives =
        [
            "CLOUDFLARE_API_KEY=6d3d69607ff6d0be82dbdca214d40218",
            "cloudflare_zone_id = \"b12d70e21bd0d7844982cf0a33192752\"",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
