using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>age-secret-key</c>: age encryption secret key.</summary>
internal static partial class AgeSecretKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "age-secret-key",
        Description = "age encryption secret key",
        Confidence = Confidence.High,
        Keywords = ["AGE-SECRET-KEY-1"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 76,
        MinEntropy = 3.5,
        TruePositives =
        [
            "AGE-SECRET-KEY-104570E75G3PAQZTJCJHX9SVUV82WEX7V9GMZ5C4DMUNW4CMEF60MPPGYZA",
            "# key: AGE-SECRET-KEY-1N5ZAHMH3WK0ZXMHC88893CQWG8GWZ645LL6TT4Q2WMH9C69LYX4QCGHR85",
        ],
        FalsePositives =
        [
            "AGE-SECRET-KEY-14ESWVEN8SHSX8PSC7E36ZSCM8XXFQW",
            "AGE-SECRET-KEY-1...",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
