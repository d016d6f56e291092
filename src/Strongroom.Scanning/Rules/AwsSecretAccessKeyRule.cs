using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>aws-secret-access-key</c>: AWS secret access key.</summary>
internal static partial class AwsSecretAccessKeyRule
{
    private const string PatternText = @"(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|SecretAccessKey|secretAccessKey|aws_secret_key|AWS_SECRET_KEY)[""\x27]?[ \t\r\n]{0,3}[:=]{1,2}[ \t\r\n]{0,3}[""\x27]?(?<secret>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)";

    public static SecretRule Create() => new()
    {
        Id = "aws-secret-access-key",
        Description = "AWS secret access key",
        Confidence = Confidence.High,
        Keywords = ["aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "SecretAccessKey", "secretAccessKey", "aws_secret_key", "AWS_SECRET_KEY"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 80,
        MinEntropy = 4.0,
        TruePositives =
        [
            "aws_secret_access_key = x4dMcQ1SC6UnTzUKXjAECbGm67UAP6eDypTv0xUT",
            "export AWS_SECRET_ACCESS_KEY=\"IUyq5W4O6+YQtL3fuKd1pKOm2ouUZdoTMcsJarXN\"",
            "\"SecretAccessKey\": \"9PHLRYRdsZPcpD3M3Me69y4RN26uuZdmHZ0QEwiD\",",
        ],
        FalsePositives =
        [
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = 0T+PSvKPLxrUxoJ/6NCkww+emB4uWH",
            "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
