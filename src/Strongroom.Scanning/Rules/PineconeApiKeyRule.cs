using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>pinecone-api-key</c>: Pinecone API key.</summary>
internal static partial class PineconeApiKeyRule
{
    private const string PatternText =
        @"(?:^|[^A-Za-z0-9_])(?<secret>pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70})(?:[^A-Za-z0-9_]|$)|(?:PINECONE"
        + @"|[Pp]inecone)[A-Za-z_.]{0,20}[""\x27]?[ \t\r\n]{0,3}[:=(]{1,2}[ \t\r\n]{0,3}(?:api_key[ \t]{0,2}=[ \t]{0,2})?[""\x27]?"
        + @"(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "pinecone-api-key",
        Description = "Pinecone API key",
        Confidence = Confidence.High,
        Keywords = ["pcsk_", "PINECONE", "Pinecone", "pinecone"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 100,
        LookBehind = 1,
        MinEntropy = 3.5,
        TruePositives =
        [
            "PINECONE_API_KEY=pcsk_Jp2o6_ICOxeTyVzoaEeKUf157Z8vnMbosBz4WDdXaqhIO1woJT11yksGFGA7TXdZJY5uH",
            "Pinecone(api_key=\"pcsk_xBsgg8_5KK2tHkeUOyo7tY3aP5jyCwTV7Ansaek8v9rcCKqHCGn3vOVGMITaCB6MJbsAk6\")",
            "PINECONE_API_KEY=90d63ece-76ab-c04a-f9c1-7d90d3a5e393",
            "pc = Pinecone(api_key=\"14212154-480c-a160-7d01-53ebe6bb42f1\")",
        ],
        FalsePositives =
        [
            "pcsk_BvyFO_2oMLXdmDwcTlElNSXWkLC8u411awkb",
            "pcsk_xxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "PINECONE_INDEX=my-index",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
