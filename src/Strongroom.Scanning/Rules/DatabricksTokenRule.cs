using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>databricks-token</c>: Databricks personal access token.</summary>
internal static partial class DatabricksTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>dapi[0-9a-f]{32}(?:-[0-9])?)(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "databricks-token",
        Description = "Databricks personal access token",
        Confidence = Confidence.High,
        Keywords = ["dapi"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 40,
        MinEntropy = 3.0,
        TruePositives =
        [
            "DATABRICKS_TOKEN=dapi3e94fb759356f719ad031fcf743a9d12",
            "token = \"dapic20625c98c41808af8e94a2dcd6db6d1-2\"",
        ],
        FalsePositives =
        [
            "dapid49fdf9892a28ccec43a",
            "dapi_version = 2",
            "dapi00000000000000000000000000000000",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
