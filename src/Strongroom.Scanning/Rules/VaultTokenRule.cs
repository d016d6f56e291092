using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>hashicorp-vault-token</c>: HashiCorp Vault service or batch token.</summary>
internal static partial class VaultTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>hv[sb]\.[A-Za-z0-9_-]{90,200})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "hashicorp-vault-token",
        Description = "HashiCorp Vault service or batch token",
        Confidence = Confidence.High,
        Keywords = ["hvs.", "hvb."],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 210,
        MinEntropy = 4.0,
        TruePositives =
        [
            "VAULT_TOKEN=hvs.CAESI9wCd1AOf5BpYDncwQNR3iKjok-xCDgj7KcGtGDfqx-gcDiE1qZ11mkx5a3Y-rgftB5IIwCA4-Y4dBo7R0u_6ocloDW",
            "token: hvb.AAAAAQzqqhf5VnN5jnyhkTp3cA-f3EDJi8x0bPHBSd9RTBR_Xp1ibXlgAIDf-4MsThcd-1xhLcQI8WCV9NbNyobdgsMUzgwzlyIgVzdAUHk45RcJ2QomIYxC0gJqEA",
        ],
        FalsePositives =
        [
            "hvs.zi_gQVDSuS0BuLOwpcvV",
            "hvs.xxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
