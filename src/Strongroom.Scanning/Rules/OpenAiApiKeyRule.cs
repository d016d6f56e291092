using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>openai-api-key</c>: OpenAI API key (user, legacy format).</summary>
internal static partial class OpenAiApiKeyRule
{
    private const string PatternText =
        @"(?:^|[^A-Za-z0-9_])(?<secret>sk-(?:[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|None-[A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100}))(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "openai-api-key",
        Description = "OpenAI API key (user, legacy format)",
        Confidence = Confidence.High,
        Keywords = ["T3BlbkFJ", "sk-None-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 240,
        LookBehind = 24,
        TruePositives =
        [
            "OPENAI_API_KEY=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",
            "openai.api_key = \"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\"",
            "OPENAI_API_KEY=sk-None-4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1_LwiqD9jT3BlbkFJJBAciI05FhfwKVqlUr5Qrec8TNecj9iNOrjj5VfqRTk8j1d-",
        ],
        FalsePositives =
        [
            "sk-o2NpcBtC7AwrvQpj94DJmJFPi5rAcZfanIAalpntSJ3c4523",
            "sk-CvK98MbFuHddfXiOc1GT3BlbkFJHBm8tLHcw9YwDbH8h5CE",
            "The marker T3BlbkFJ alone is not a key",
            "sk-None-xxxxxxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
