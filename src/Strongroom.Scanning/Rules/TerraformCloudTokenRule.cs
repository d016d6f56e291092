using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>terraform-cloud-token</c>: Terraform Cloud / Enterprise API token.</summary>
internal static partial class TerraformCloudTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,70})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "terraform-cloud-token",
        Description = "Terraform Cloud / Enterprise API token",
        Confidence = Confidence.High,
        Keywords = [".atlasv1."],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 96,
        LookBehind = 15,
        MinEntropy = 4.0,
        TruePositives =
        [
            "TFE_TOKEN=SDgW0pHrT66796.atlasv1.s4kL0UPuoytzvob6VueJIa28H4_5MfG5_FMlXyXrQc7v05kp9WnYu3Kr8NwjSS2CuSb",
            "token = \"H2k3DW85UW8LPy.atlasv1.-0zvK1d5Q7foJ_uyUntTrijIenRcBXGkSWULSZVw1X3wetoFX9IdO2We4UqZMNhVJ8t\"",
        ],
        FalsePositives =
        [
            "kVFKPKtFVCsk5X.atlasv1.nWHL1YFlHvdCI1skjwPP",
            "app.atlasv1.example",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
