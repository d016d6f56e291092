using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>atlassian-api-token</c>: Atlassian (Jira, Confluence) API token.</summary>
internal static partial class AtlassianApiTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>ATATT3[A-Za-z0-9_=-]{180,200})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "atlassian-api-token",
        Description = "Atlassian (Jira, Confluence) API token",
        Confidence = Confidence.High,
        Keywords = ["ATATT3"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 210,
        MinEntropy = 4.0,
        TruePositives =
        [
            "JIRA_API_TOKEN=ATATT3xFfGF0XPc7Xg4vsAw7p3WrsfeTy-W1WQl4zusFrZUkG5FFz_ReJVH81njNLMw4H5eoK1rosalQhScVWagNE3hEfGaamRfSYwh4-kpN6d12zJMCMGMwOE7JyOesOgml07I8qR-fKbKBASJHN_"
                + "Oc7wp4CUcGolV3rLsNU8SA9rHwEwzykrDesl=3DC2B962",
            "ATATT3xFfGF0rbljQbzbkMlbjL8BOlWLNlMl2mxlHLzc9_Wo7QFZWD8Q9j9VyvdkVG9BqilbomTgtIX-HUt9SV4Fc5YAkDMiwq6KjWQxoJre55j12HnNGDAy7ZSFCBhcUqi7SGjUgLAx3_hCMyM-Lonmf1uop_g5Vsf42"
                + "a-1WsKvghQPqt2aZS6FW0J9hmpgI-",
        ],
        FalsePositives =
        [
            "ATATT3xFfGF0SaPOKOWtAl-K0QAnKkyfDY67QOVmsQxNgEpVXljf",
            "ATATT3",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
