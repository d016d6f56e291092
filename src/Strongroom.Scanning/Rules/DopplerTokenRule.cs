using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>doppler-token</c>: Doppler API token.</summary>
internal static partial class DopplerTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "doppler-token",
        Description = "Doppler API token",
        Confidence = Confidence.High,
        Keywords = ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 56,
        MinEntropy = 3.5,
        TruePositives =
        [
            "DOPPLER_TOKEN=dp.pt.kj1Ke3qdeH3o82n8ckfBVLAvKj5Y1XBNAa3g2NFNMrJ",
            "dp.st.gyCA6ORljZxZNShUHLEpEAfnzamRO6CILToRN6YmeDH",
        ],
        FalsePositives =
        [
            "dp.pt.j4NFdBLBx7ttwTdr04lt",
            "dp.st.ok",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
