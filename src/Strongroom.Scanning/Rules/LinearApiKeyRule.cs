using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>linear-api-key</c>: Linear API key.</summary>
internal static partial class LinearApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>lin_api_[A-Za-z0-9]{40})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "linear-api-key",
        Description = "Linear API key",
        Confidence = Confidence.High,
        Keywords = ["lin_api_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 50,
        MinEntropy = 3.5,
        TruePositives =
        [
            "LINEAR_API_KEY=lin_api_lvkeMcLg892YgA23kGc4R6U3KuBjKkPDZiJOFdff",
            "lin_api_itsYVM8V6CY8yVpGf6sjBJ3PwODEZjj4zrqLYYJB",
        ],
        FalsePositives =
        [
            "lin_api_774881yfka3ObtHolvFq",
            "lin_api_key",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
