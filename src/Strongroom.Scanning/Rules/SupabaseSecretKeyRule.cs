using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>supabase-secret-key</c>: Supabase secret API key.</summary>
internal static partial class SupabaseSecretKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>sb_secret_[A-Za-z0-9_-]{31,64})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "supabase-secret-key",
        Description = "Supabase secret API key",
        Confidence = Confidence.High,
        Keywords = ["sb_secret_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 80,
        MinEntropy = 3.5,
        TruePositives =
        [
            "SUPABASE_SECRET_KEY=sb_secret_uC-r6eWLVwtSMaZrCw_rL1gbDpQIM4Q",
            "createClient(url, \"sb_secret_jFl3R5WAVNQVOhPon1UXqKVWaDmwfGcwhnp7jz--\")",
        ],
        FalsePositives =
        [
            "sb_secret_LhRxvdZ6rZ",
            "sb_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
