using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>stripe-test-key</c>: Stripe test-mode secret key.</summary>
internal static partial class StripeTestKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>[rs]k_test_[A-Za-z0-9]{24,99})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "stripe-test-key",
        Description = "Stripe test-mode secret key",
        Confidence = Confidence.Low,
        Keywords = ["sk_test_", "rk_test_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 110,
        MinEntropy = 3.5,
        TruePositives =
        [
            "STRIPE_SECRET_KEY=sk_test_B3N7lZTwMkBEuurLIhwAyrgJ",
            "rk_test_YTQMU5jRbjKU9qjT6CQ852MVuvc8pJMigFSylkWcowhuN0NkZJCiVhbcyMoz",
        ],
        FalsePositives =
        [
            "stripe.api_key = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"",
            "sk_test_DFK1ldQg64",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
