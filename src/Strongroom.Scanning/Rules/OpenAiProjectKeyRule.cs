using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>openai-project-key</c>: OpenAI project API key.</summary>
internal static partial class OpenAiProjectKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>sk-proj-[A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "openai-project-key",
        Description = "OpenAI project API key",
        Confidence = Confidence.High,
        Keywords = ["sk-proj-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 240,

        // T3BlbkFJ ("OpenAI" in base64) is in the random part: 4 upper, 3 lower and 1 digit of its own.
        Mix = new CharacterMix(Upper: 7, Lower: 6, Digits: 1),
        TruePositives =
        [
            "OPENAI_API_KEY=\"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"
                + "nm_-IHnFRaWxCyvl\"",
            "key: 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",
        ],
        FalsePositives =
        [
            "sk-proj-C4pl_hs6cMdhNELSruXGH9PrwQy4nnZ6vJ58byLQxEH5Er7nbDG4tO4KT4mgC4pNB31MH6_mgHIQlpiUP80rypTbbJNPlcE8UxS5FPddtXbHu-MR23GJwrSugJJpg-3aa5hzRUEyY95-b_bfinw85w",
            "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxxxxxx",
            "sk-proj-...",
            "sk-proj-hcjmaoq6qlpnvsxc9k6mx5ypy89u5cp14vfqgimdT3BlbkFJjnq52i8ydgqx810i2ofjljbow9c-03r4uexd8ge1",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
