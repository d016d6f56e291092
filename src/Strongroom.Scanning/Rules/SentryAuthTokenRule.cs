using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>sentry-auth-token</c>: Sentry auth token.</summary>
internal static partial class SentryAuthTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>(?:sntrys_eyJ[A-Za-z0-9+/=_-]{80,400}|sntryu_[0-9a-f]{64}))";

    public static SecretRule Create() => new()
    {
        Id = "sentry-auth-token",
        Description = "Sentry auth token",
        Confidence = Confidence.High,
        Keywords = ["sntrys_", "sntryu_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 410,
        MinEntropy = 3.5,
        TruePositives =
        [
            "SENTRY_AUTH_TOKEN=sntrys_eyJ5zlle4awHBtV4cLj958erf8B5nclVIIlCtxgWpafHsdtuSL3MLtt7w7oiSsVRFx7xKKP4p1BHxZXnwpSjfb5lOpDXjH7iDRsqBIsjzQzWI1zav3x1z3xLwmq",
            "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",
        ],
        FalsePositives =
        [
            "sntrys_eyJBsntfwd5j3Gr4KyW970Y",
            "sntryu_40abe00948376231e664c3ee686651ae",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
