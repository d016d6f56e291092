using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>grafana-service-account-token</c>: Grafana service-account token.</summary>
internal static partial class GrafanaServiceAccountTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>glsa_[A-Za-z0-9]{32}_[0-9a-f]{8})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "grafana-service-account-token",
        Description = "Grafana service-account token",
        Confidence = Confidence.High,
        Keywords = ["glsa_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 48,
        MinEntropy = 3.5,
        TruePositives =
        [
            "GRAFANA_TOKEN=glsa_5UXomiSwhNdnu4wCdpXoEhwSAGrS847F_56bd0bad",
            "glsa_8PDXMP4B2XJSgQPxWqEg9tnonBiUwnI4_7831583d",
        ],
        FalsePositives =
        [
            "glsa_EUH666XEJphqmPmCqvhCU95fAAeviO8D",
            "glsa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_00000000",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
