using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>stripe-secret-key</c>: Stripe live secret key.</summary>
internal static partial class StripeSecretKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>sk_live_[A-Za-z0-9]{24,99})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "stripe-secret-key",
        Description = "Stripe live secret key",
        Confidence = Confidence.High,
        Keywords = ["sk_live_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 110,
        MinEntropy = 3.5,
        TruePositives =
        [
            "STRIPE_SECRET_KEY=sk_live_EZCcstrgWPX3wfVJCniNneVx",
            "stripe.api_key = \"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\"",
        ],
        FalsePositives =
        [
            "sk_live_EIBw9LLmQ2LA",
            "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
