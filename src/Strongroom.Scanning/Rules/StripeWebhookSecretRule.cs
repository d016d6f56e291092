using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>stripe-webhook-secret</c>: Stripe webhook signing secret.</summary>
internal static partial class StripeWebhookSecretRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>whsec_[A-Za-z0-9]{32,64})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "stripe-webhook-secret",
        Description = "Stripe webhook signing secret",
        Confidence = Confidence.High,
        Keywords = ["whsec_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 72,
        MinEntropy = 3.5,
        TruePositives =
        [
            "STRIPE_WEBHOOK_SECRET=whsec_czyMde0muGcffY9vWPXDXlRcWOmSi5bY",
            "endpoint_secret = \"whsec_QyMEG7LwQ2DJ2YpT07sDBvvFeQLtvrPk6rkuEJ97\"",
        ],
        FalsePositives =
        [
            "whsec_A65HV37cwd",
            "whsec_...",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
