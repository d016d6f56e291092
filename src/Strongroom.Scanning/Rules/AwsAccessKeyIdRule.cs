using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>aws-access-key-id</c>: AWS access key id.</summary>
internal static partial class AwsAccessKeyIdRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "aws-access-key-id",
        Description = "AWS access key id",
        Confidence = Confidence.High,
        Keywords = ["AKIA", "ASIA", "ABIA", "ACCA"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 20,
        MinEntropy = 3.0,
        TruePositives =
        [
            "aws_access_key_id = AKIAMXJPWQM5GZWBMYB2",
            "AccessKeyId: ASIA5EJ7AIESQZIEKF5Y",
            "\"aws_access_key_id\": \"AKIAJ8Q4ZR1XTN0V9KDM\",",
        ],
        FalsePositives =
        [
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "AKIAQ2HTJKECDAPAVR4",
            "AKIASHA7WSZVLWO5KIZLO",
            "AKIAXXXXXXXXXXXXXXXX",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
