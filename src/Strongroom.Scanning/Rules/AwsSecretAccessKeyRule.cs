using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>aws-secret-access-key</c>: AWS secret access key.</summary>
internal static partial class AwsSecretAccessKeyRule
{
    private const string PatternText =
        @"(?:(?:secret_access_key|SECRET_ACCESS_KEY|SecretAccessKey|secretAccessKey|secret_key|secretKey|aws_secret|AWS_SECRET|awsSecret|AwsSecret"
        + @"|AWSSecret)[A-Za-z_]{0,12}[""\x27]?[ \t\r\n]{0,3}[:=]{1,2}>?[ \t\r\n]{0,3}[""\x27]?|(?:AKIA|ASIA)[A-Z0-9]{16}[""\x27]?[ \t]{0,3}[,;:|\t][ \t]{0,3}[""\x27]?)"
        + @"(?<secret>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)";

    public static SecretRule Create() => new()
    {
        Id = "aws-secret-access-key",
        Description = "AWS secret access key",
        Confidence = Confidence.High,
        Keywords =
        [
            "secret_access_key", "SECRET_ACCESS_KEY", "SecretAccessKey", "secretAccessKey", "secret_key", "secretKey",
            "aws_secret", "AWS_SECRET", "awsSecret", "AwsSecret", "AWSSecret", "AKIA", "ASIA",
        ],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 80,
        MinEntropy = 4.0,
        TruePositives =
        [
            "aws_secret_access_key = x4dMcQ1SC6UnTzUKXjAECbGm67UAP6eDypTv0xUT",
            "export AWS_SECRET_ACCESS_KEY=\"IUyq5W4O6+YQtL3fuKd1pKOm2ouUZdoTMcsJarXN\"",
            "\"SecretAccessKey\": \"9PHLRYRdsZPcpD3M3Me69y4RN26uuZdmHZ0QEwiD\",",
            "provider \"aws\" { secret_key = \"lMz/Bk4opH1Dr8/h97s+F/vauP7/L7V21jxUdcfQ\" }",
            "aws.secretKey=6GgebhbkXNNv+hOV48vsoUu19X5IQLJhQbtN2FWX",
            "'aws_secret_access_key' => 'Tq3vN8xLp0ZcW4mR7bYf2KjHs9DgUa1Ee6QiOt5X',",
            "myuser,,AKIAQNZ3W7XK4TJ5LBRE,hV0d8mS3qPzK7xYwN2cLf9RtBj4uGe6aUo1iE5Hn,https://console.aws.amazon.com/",
            "new BasicAWSCredentials(\"AKIAR4T7YHQ2MZ6WNXC3\", \"Zk3m9Q/vTx7LpW2bN5cR8yHf0sJd4gUe1aKi6oXt\");",
        ],
        FalsePositives =
        [
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = 0T+PSvKPLxrUxoJ/6NCkww+emB4uWH",
            "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}",
            "AKIAR4T7YHQ2MZ6WNXC3, 0123456789abcdef0123456789abcdef01234567",
            "secret_key = \"da39a3ee5e6b4b0d3255bfef95601890afd80709\"",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
