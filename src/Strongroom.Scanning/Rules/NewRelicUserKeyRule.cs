using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>newrelic-user-api-key</c>: New Relic user API key.</summary>
internal static partial class NewRelicUserKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>NRAK-[A-Z0-9]{27})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "newrelic-user-api-key",
        Description = "New Relic user API key",
        Confidence = Confidence.High,
        Keywords = ["NRAK-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 34,
        MinEntropy = 3.5,
        TruePositives =
        [
            "NEW_RELIC_API_KEY=NRAK-YCWJH3EV1ZMYVPOIX85JQAMAIOH",
            "NRAK-ZDI31D7KGINQ6IO9AD96RQLOWLL",
        ],
        FalsePositives =
        [
            "NRAK-I8WWONFC8FAPC45AXXLO",
            "NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
