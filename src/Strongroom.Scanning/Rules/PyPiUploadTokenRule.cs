using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>pypi-upload-token</c>: PyPI upload token.</summary>
internal static partial class PyPiUploadTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,300})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "pypi-upload-token",
        Description = "PyPI upload token",
        Confidence = Confidence.High,
        Keywords = ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 340,
        MinEntropy = 4.0,
        TruePositives =
        [
            "password = pypi-AgEIcHlwaS5vcmcrgf_hmYSaQA_-_PPlDu8rrlLGX5UdYrifg5f43-H-iuhcVoGAC2ubvVBBqLWmwQ8i4ZEIdZzJ3oJSHy9XTzYg-p4LX7idhuiHvHoHsW5s2efg5hl14xZdwNMZxYLcT57p3esRb"
                + "BNAO5x3Lj95sHAqv",
            "TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZwiLNGaYwoLwxg1d2QGMwRfa1qAj_gPFwLpqFHwZVhXD8n0Yb8H6O5PVcitm1P9zfWanMx9b7IjK9HY9T62c5LkyrcC5UjMzYhRsij_gve8YuGgM5GnSjMBjsI",
        ],
        FalsePositives =
        [
            "pypi-AgEIcHlwaS5vcmcrYe0lznWk5owp7XgGU31",
            "password = pypi-AgEIcHlwaS5vcmcxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
