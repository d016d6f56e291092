using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>digitalocean-oauth-token</c>: DigitalOcean OAuth access token.</summary>
internal static partial class DigitalOceanOAuthTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>doo_v1_[0-9a-f]{64})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "digitalocean-oauth-token",
        Description = "DigitalOcean OAuth access token",
        Confidence = Confidence.High,
        Keywords = ["doo_v1_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 72,
        MinEntropy = 3.0,
        TruePositives =
        [
            "DIGITALOCEAN_TOKEN=doo_v1_8366dd5ac9d9be54da227bfd07cbf60220c9462205aeaacddb607364e1c8da2c",
            "token: \"doo_v1_5c046bab844da602cfd9909a5f0d9e59772ab4b198f437ead48d50d8289e2f64\"",
        ],
        FalsePositives =
        [
            "doo_v1_dbb905ebff2115dec44b94fe0b55e3a8c9ef4c82",
            "doo_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
