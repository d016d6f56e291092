using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>
/// Rule <c>shopify-access-token</c>: Shopify access token or shared secret (32-64 alphanumerics since
/// Shopify lengthened them; older ones are 32 hex digits).
/// </summary>
internal static partial class ShopifyAccessTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,64})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "shopify-access-token",
        Description = "Shopify access token or shared secret",
        Confidence = Confidence.High,
        Keywords = ["shpat_", "shpca_", "shppa_", "shpss_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 72,
        MinEntropy = 3.0,
        TruePositives =
        [
            "SHOPIFY_TOKEN=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",
            "secret = \"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\"",
            "SHOPIFY_ACCESS_TOKEN=shpca_POCcBEF8m5GkOXhiY5ydVCQkdbDovoNqOthD9TgB",
        ],
        FalsePositives =
        [
            "shpat_29587758aaedb82b72d0",
            "shpat_00000000000000000000000000000000",
            "e.g.) shpat_r8TRc9ZXAvcVvcrmtr7qoVw69WeeY1ex",
            "shpat_" + new string('a', 70),
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
