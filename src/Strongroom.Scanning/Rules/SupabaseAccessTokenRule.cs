using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>supabase-access-token</c>: Supabase personal access token.</summary>
internal static partial class SupabaseAccessTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>sbp_[0-9a-f]{40})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "supabase-access-token",
        Description = "Supabase personal access token",
        Confidence = Confidence.High,
        Keywords = ["sbp_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 46,
        MinEntropy = 3.0,
        TruePositives =
        [
            "SUPABASE_ACCESS_TOKEN=sbp_13b3c8cba7c54719cb77579907d6646417be253e",
            "sbp_e8277314dfe4b63ae8418ff09f46bb7ec48442ec",
        ],
        FalsePositives =
        [
            "sbp_2caf217384e2cfb67b1389da5ec05b",
            "sbp_0000000000000000000000000000000000000000",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
