using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>private-key</c>: PEM private key (RSA, EC, DSA, PKCS#8).</summary>
internal static partial class PrivateKeyRule
{
    private const string PatternText =
        @"-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----(?:\r?\n|\\{1,3}r?\\{0,3}n|[ \t])(?:[A-Za-z-]{1,20}: [^\r\n]{1,100}\r?\n){0,3}(?:\r?\n)?"
        + @"(?<secret>[A-Za-z0-9+/=\r\n\\]{64,400})";

    public static SecretRule Create() => new()
    {
        Id = "private-key",
        Description = "PEM private key (RSA, EC, DSA, PKCS#8)",
        Confidence = Confidence.High,
        Keywords =
        [
            "-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN DSA PRIVATE KEY-----",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----",
        ],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 720,
        MinEntropy = 4.0,
        AllowRepeats = true,
        TruePositives =
        [
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEow6A93PrfgGY7iwCL7baKK8R/3C4dbx3Gp+VzdV+l6uTtemGdNRM9Qkt48YGL7sHl2\n"
                + "9R/FefDp5jUwN9NpnMsNvyL0hcVzwWfjCyyn5IdU2G3rrWDo0sSM2L5WE0ZL6qHG\nh0SR6yczDHt60xdu+QozpwmwmoQM8BXBkPg6SkZ2IxWL+OEjUDZxiGj2DhxhseMb\n"
                + "-----END RSA PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\r\nMIIEvQGbsrv0EsjOCjupryrV2GwesLdUkoiGGxIbvtQHLpLz1McDIXClKh76xfmv\r\n"
                + "F7IkqCx/qVZaLKqg++/h3ZIPx64JHuX45kPwY3g6SYWu3WVtr1OgdrJCTvMxx2C7\r\n-----END PRIVATE KEY-----",
            "-----BEGIN EC PRIVATE KEY-----\nMHcCJRm/b8WKexNTaMPEIlq16BT0GXP9r/jyFTbpsTFjIGXVCtKIROzjPSEFMtUO\n+ogopI+2ZNB54YDJZRUJfIpa+UOq8twgLNaS0UJ5\n"
                + "-----END EC PRIVATE KEY-----",
            "JWT_PRIVATE_KEY=\"-----BEGIN EC PRIVATE KEY-----\\nMHcCjN3F5LGm/x7qiUv06doXrVdbA7AO9NzLizPTZjNlZIcpS81hYm2O9VUBxaON\\nbK8P6RewKQnRhUocYdvtxm2mmMXDih/lw9VBmH3BI1kSvZv"
                + "BsFjbpYpuIW1DnORN\\n-----END EC PRIVATE KEY-----\\n\"",
            "private_key: \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEMJckZ+UmzzA0IUFZBj3pMLCyuPvJsTMiW4OX51lfC5erxZOIGz2Yk9kO9ILk\\ngneO/zcMbPJxRYsANR0tfFeVzyrdGVAEU+aStk3pKDN44PzaA"
                + "vA1tI+Fm6vgcO7d\\n-----END RSA PRIVATE KEY-----\"",
            "FIREBASE_PRIVATE_KEY=-----BEGIN PRIVATE KEY----- MIIEmXZpObLmuaxZGfNNpr7l4+XO/oqh+s7d0WTe1BUcY6FsyHwLGO0raOYJ/8uG "
                + "6B7kwTlwOlvXJbXkKq8NQXdkw19b3WQVfGFfmJZW2EYYEolhYkCLgXHyIIBEv/VX -----END PRIVATE KEY-----",
        ],
        FalsePositives =
        [
            "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            "-----BEGIN PUBLIC KEY-----\nMIIBIj0K1l1vPpcu2Pcqnl8i+R50YKQKdbLsZKnAKmebYtURtTJcKB9CPe+8qapxL/ATNG\nyFsuKi+SkvoUvLvlX9L6zukasWoPP+cIqgXPCasK3lBkz08T7ji6CTe8MQQLSq81",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
