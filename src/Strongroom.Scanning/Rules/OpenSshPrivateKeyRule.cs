using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>openssh-private-key</c>: OpenSSH private key.</summary>
internal static partial class OpenSshPrivateKeyRule
{
    private const string PatternText = @"-----BEGIN OPENSSH PRIVATE KEY-----(?:\r?\n|\\{1,3}r?\\{0,3}n|[ \t])(?<secret>b3BlbnNzaC1rZXktdjEA[A-Za-z0-9+/=\r\n\\]{40,400})";

    public static SecretRule Create() => new()
    {
        Id = "openssh-private-key",
        Description = "OpenSSH private key",
        Confidence = Confidence.High,
        Keywords = ["-----BEGIN OPENSSH PRIVATE KEY-----"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 460,
        MinEntropy = 4.0,
        AllowRepeats = true,
        TruePositives =
        [
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                + "XJuw4+wOyX2zudwSR2edIREUDmuvLyN7J+cP8+MN/kvLI6q5eW+eTFLC9frOKc9L\naiRAvXDdWambb6DdEa6b361kzjBw8l9S7+isiVR+ZLkO5Xg0nIHe8me1Jz6LAVhz\n"
                + "E+STUxsd0+8W6qsrXoPHbVv5vx0gWl4tiRS4iCqqoxL0Oswp6qIReQB8CBuVTMP9\n-----END OPENSSH PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----\r\nb3BlbnNzaC1rZXktdjEA9iYFbJuZpPxT7DhVDYsL+erJSRtyytFtv7FN0MdPxSM0\r\n"
                + "eAovVvIKDp16+rNQlomeMlfrvadKB2zXwEi1xE2RIO9fCPaTQZtgVErh+EjW1CyO\r\n",
            "\"ssh_key\": \"-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\\nQyNTUxOQAAACDiU/kehOKu+FqgrXzOiPbL7CT4W"
                + "0LrJGgN6hvWno00yVOWxLuaV\\n-----END OPENSSH PRIVATE KEY-----\\n\"",
        ],
        FalsePositives =
        [
            "-----BEGIN OPENSSH PRIVATE KEY-----\n<paste your key>\n-----END OPENSSH PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
