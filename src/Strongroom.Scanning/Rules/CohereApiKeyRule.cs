using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>cohere-api-key</c>: Cohere API key in an assignment.</summary>
internal static partial class CohereApiKeyRule
{
    private const string PatternText = @"(?:COHERE|[Cc]ohere|CO_API)[A-Za-z_]{0,20}[""\x27]?[ \t\r\n]{0,3}[:=]{1,2}[ \t\r\n]{0,3}[""\x27]?(?<secret>[A-Za-z0-9]{40})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "cohere-api-key",
        Description = "Cohere API key in an assignment",
        Confidence = Confidence.Medium,
        Keywords = ["COHERE", "cohere", "Cohere", "CO_API_KEY"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 80,
        MinEntropy = 4.0,
        TruePositives =
        [
            "COHERE_API_KEY=CQ6qmp4LiTvSTMkey8VN7h0dCdhV9z4ejVi1Q9AZ",
            "cohere_key: \"K7cgWf9ovf4oGURcSMjzQLFHvPxf6kLJqZbu78CM\"",
        ],
        FalsePositives =
        [
            "COHERE_API_KEY=PYvMaNCskBICMgXoli7VCShZDx03Zk",
            "COHERE_API_KEY=your_cohere_api_key_goes_here_please_12345",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
