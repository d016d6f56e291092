using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>stripe-restricted-key</c>: Stripe live restricted key.</summary>
internal static partial class StripeRestrictedKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>rk_live_[A-Za-z0-9]{24,99})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "stripe-restricted-key",
        Description = "Stripe live restricted key",
        Confidence = Confidence.High,
        Keywords = ["rk_live_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 110,
        MinEntropy = 3.5,
        TruePositives =
        [
            "STRIPE_KEY=rk_live_i54eJHMTHdkeDSdW4cEyC9WJ",
            "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",
        ],
        FalsePositives =
        [
            "rk_live_T5jpZ5s772",
            "rk_live_<your-key>",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
