using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>cloudflare-origin-ca-key</c>: Cloudflare Origin CA key.</summary>
internal static partial class CloudflareOriginCaKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>v1\.0-[0-9a-f]{24}-[0-9a-f]{146})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "cloudflare-origin-ca-key",
        Description = "Cloudflare Origin CA key",
        Confidence = Confidence.High,
        Keywords = ["v1.0-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 180,
        MinEntropy = 3.0,
        TruePositives =
        [
            "CF_ORIGIN_CA_KEY=v1.0-8e6e58e826ba6bd5e14a740d-6a9af62c16ce65063e16c1f952d7e339a828142a6ad4834fecae27b8240f53368b1d69e8958dae3af0ae8ac55e1ce7d463d15b877d3d80e07c2b34"
                + "ad82465a2462a5d3e6a370ffd4e7",
            "key: v1.0-eaf010bd7c9853278ccfbef9-8c08a345cf9e05f297ec1c5c761aeaf360c6582819467262d9bafd92c131af6af265b5d8922d74fd94d79d57d136684be063c44db56c56dc8742a2e317e35c7675"
                + "3a5c634e9567bf30",
        ],
        FalsePositives =
        [
            "v1.0-85487f50b7b3714dcab0c788-3a16158b86af3169a3bf306c32c8896543fbaee49ffa05f14a57018c5ff1493d864db535ffd12c5de6d05fd482271672e655",
            "version v1.0-beta",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
