using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>postman-api-key</c>: Postman API key.</summary>
internal static partial class PostmanApiKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>PMAK-[0-9a-f]{24}-[0-9a-f]{34})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "postman-api-key",
        Description = "Postman API key",
        Confidence = Confidence.High,
        Keywords = ["PMAK-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 66,
        MinEntropy = 3.0,
        TruePositives =
        [
            "POSTMAN_API_KEY=PMAK-cd9a88beb52112949ec78da3-44abbebf780ae62eccabe43ad932d1dd55",
            "PMAK-2d842219f97d3582f8fa18d0-c01d85e0536fd1de273138798b5e61e84d",
        ],
        FalsePositives =
        [
            "PMAK-36786778b7ab3024f8fafc28",
            "PMAK-your-key",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
