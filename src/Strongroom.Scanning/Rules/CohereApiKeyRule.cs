using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>cohere-api-key</c>: Cohere API key in an assignment.</summary>
internal static partial class CohereApiKeyRule
{
    private const string PatternText =
        @"(?:COHERE|[Cc]ohere|CO_API)[A-Za-z_.]{0,20}[0-9]?[""\x27]?[ \t\r\n]{0,3}[:=(]{1,2}[ \t\r\n]{0,3}(?:[a-z_]{0,12}api_key[ \t]{0,2}=[ \t]{0,2})?[""\x27]?"
        + @"(?<secret>[A-Za-z0-9]{40})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "cohere-api-key",
        Description = "Cohere API key in an assignment",
        Confidence = Confidence.Medium,
        Keywords = ["COHERE", "cohere", "Cohere", "CO_API_KEY"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 100,
        MinEntropy = 4.0,
        TruePositives =
        [
            "COHERE_API_KEY=CQ6qmp4LiTvSTMkey8VN7h0dCdhV9z4ejVi1Q9AZ",
            "cohere_key: \"K7cgWf9ovf4oGURcSMjzQLFHvPxf6kLJqZbu78CM\"",
            "co = cohere.Client(\"pLr9jtqXzXZkQ8lElsC64FEsYtSK4CFyEDhZSrLm\")",
            "co = cohere.ClientV2(api_key=\"q1oE5PXlwcxoBBtcrI8SBgaoZItblXOnQRuQTO47\")",
        ],
        FalsePositives =
        [
            "COHERE_API_KEY=PYvMaNCskBICMgXoli7VCShZDx03Zk",
            "COHERE_API_KEY=your_cohere_api_key_goes_here_please_12345",
            "co = cohere.Client(os.environ[\"COHERE_API_KEY\"])",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
