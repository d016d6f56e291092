using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>pinecone-api-key</c>: Pinecone API key.</summary>
internal static partial class PineconeApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "pinecone-api-key",
        Description = "Pinecone API key",
        Confidence = Confidence.High,
        Keywords = ["pcsk_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 84,
        MinEntropy = 3.5,
        TruePositives =
        [
            "PINECONE_API_KEY=pcsk_Jp2o6_ICOxeTyVzoaEeKUf157Z8vnMbosBz4WDdXaqhIO1woJT11yksGFGA7TXdZJY5uH",
            "Pinecone(api_key=\"pcsk_xBsgg8_5KK2tHkeUOyo7tY3aP5jyCwTV7Ansaek8v9rcCKqHCGn3vOVGMITaCB6MJbsAk6\")",
        ],
        FalsePositives =
        [
            "pcsk_BvyFO_2oMLXdmDwcTlElNSXWkLC8u411awkb",
            "pcsk_xxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
