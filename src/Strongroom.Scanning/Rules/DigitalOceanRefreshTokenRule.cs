using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>digitalocean-refresh-token</c>: DigitalOcean OAuth refresh token.</summary>
internal static partial class DigitalOceanRefreshTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>dor_v1_[0-9a-f]{64})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "digitalocean-refresh-token",
        Description = "DigitalOcean OAuth refresh token",
        Confidence = Confidence.High,
        Keywords = ["dor_v1_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 72,
        MinEntropy = 3.0,
        TruePositives =
        [
            "DIGITALOCEAN_TOKEN=dor_v1_6bccd177aa03054f879b1071e00ae97b1d1a5a1cce954b34d6b2e1fd822002ae",
            "token: \"dor_v1_792de53b32d6fe54e816040e60e5ccf9dae45c5faf4032c354c87332f3be7688\"",
        ],
        FalsePositives =
        [
            "dor_v1_de226782eff209a24563a76869b3facebcad55fd",
            "dor_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
