using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>pgp-private-key</c>: PGP private key block.</summary>
internal static partial class PgpPrivateKeyRule
{
    private const string PatternText = @"-----BEGIN PGP PRIVATE KEY BLOCK-----\r?\n(?:[A-Za-z-]{1,20}: [^\r\n]{1,100}\r?\n){0,3}\r?\n(?<secret>[A-Za-z0-9+/=\r\n]{64,400})";

    public static SecretRule Create() => new()
    {
        Id = "pgp-private-key",
        Description = "PGP private key block",
        Confidence = Confidence.High,
        Keywords = ["-----BEGIN PGP PRIVATE KEY BLOCK-----"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 720,
        MinEntropy = 4.0,
        AllowRepeats = true,
        TruePositives =
        [
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBFOjpXktCRXm3jfV4ZWASLgNAox6YnKgibMUJYANMPK0nYDoafqBudIIyrExx3xcd3\n"
                + "3XDkimoUDD000CIE7caLTFsXrt84ZQHE0yrAjk3dZQBZhz3c2Z4hEMv0NP2iC8VP\nfLLUvAssOVO6wBRqkZjvLMQsRQkSYu3ZuG8pbavsueropXgJCKi5w1YFLEjiVsin\n"
                + "-----END PGP PRIVATE KEY BLOCK-----",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: test\n\nlQVYBGEDvGCgWtVKscvFv673xS2vTYVJS3Sp8A48nsmgd4wMP4wpgJFMfKFiGBDb\n"
                + "KInXNwqnUIKDZQldLLNlZaW9tkWMFPxxsyToSdYTg0AOR3PNUeJa8HJPE/QzbqvM\n",
        ],
        FalsePositives =
        [
            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFqSyQ1OFUMTP1P/YF79dim4bARcPkxWSdagwOZdZ1iSJy+kFV3BJuUfkWbzLMIw8x\n"
                + "UG8DbD9PoggKjBDYJKajtNojiaWaXACFwLo7h1vedmhrYNd+mDTRHQ81Jc3M7aq9",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n...\n",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
