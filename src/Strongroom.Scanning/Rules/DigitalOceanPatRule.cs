using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>digitalocean-pat</c>: DigitalOcean personal access token.</summary>
internal static partial class DigitalOceanPatRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>dop_v1_[0-9a-f]{64})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "digitalocean-pat",
        Description = "DigitalOcean personal access token",
        Confidence = Confidence.High,
        Keywords = ["dop_v1_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 72,
        MinEntropy = 3.0,
        TruePositives =
        [
            "DIGITALOCEAN_TOKEN=dop_v1_a8fac16617dff75ea74ea1c901f568228c7d4dcc090035bfda56db851618e052",
            "token: \"dop_v1_1f44ead11c5254b47221fa837369069c27898fd4c5ed0416e11706fcb73e2b53\"",
        ],
        FalsePositives =
        [
            "dop_v1_aa97397c4e07ba7fede5a08bfc38c7e64964c33f",
            "dop_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
