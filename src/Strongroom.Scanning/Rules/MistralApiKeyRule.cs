using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>mistral-api-key</c>: Mistral AI API key in an assignment.</summary>
internal static partial class MistralApiKeyRule
{
    private const string PatternText =
        @"(?:MISTRAL|[Mm]istral)[A-Za-z_.]{0,20}[""\x27]?[ \t\r\n]{0,3}[:=(]{1,2}[ \t\r\n]{0,3}(?:[a-z_]{0,12}api_key[ \t]{0,2}=[ \t]{0,2})?[""\x27]?(?<secret>[A-Za-z0-9]{32})"
        + @"(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "mistral-api-key",
        Description = "Mistral AI API key in an assignment",
        Confidence = Confidence.Medium,
        Keywords = ["MISTRAL", "mistral", "Mistral"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 92,
        MinEntropy = 4.0,
        TruePositives =
        [
            "MISTRAL_API_KEY=RS9Dx8bHdu9A6MzPdJvdLF35emSie2nh",
            "mistral_api_key = \"ziegM893vVu7t1GKPnIElOvlkdr0nU0I\"",
            "client = Mistral(api_key=\"vCF8aKLdskPoWKv1Qa8wkdZQEd8Setyh\")",
            "llm = ChatMistralAI(mistral_api_key=\"kCqd4oHbwe9ZddbJXTJv1PFh8IvCo34T\")",
        ],
        FalsePositives =
        [
            "MISTRAL_API_KEY=1CXEWquLN2SQ8xHkLIPb",
            "model = \"mistral-large-latest\"",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
