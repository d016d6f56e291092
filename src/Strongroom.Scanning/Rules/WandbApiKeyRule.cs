using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>wandb-api-key</c>: Weights &amp; Biases API key.</summary>
internal static partial class WandbApiKeyRule
{
    private const string PatternText =
        @"(?:^|[^A-Za-z0-9_])(?<secret>wandb_v1_[A-Za-z0-9_]{77})(?:[^A-Za-z0-9_]|$)|(?:(?:WANDB|wandb)[A-Za-z_.]{0,20}[""\x27]?[ \t\r\n]{0,3}[:=(]{1,2}[ \t\r\n]{0,3}"
        + @"(?:key[ \t\r\n]{0,2}=[ \t\r\n]{0,2})?[""\x27]?|wandb\.ai[ \t\r\n]{1,5}login[ \t]{1,5}[^ \t\r\n]{1,64}[ \t\r\n]{1,5}password[ \t]{1,5})"
        + @"(?<secret>(?:local-)?[0-9a-f]{40})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "wandb-api-key",
        Description = "Weights & Biases API key",
        Confidence = Confidence.Medium,
        Keywords = ["WANDB", "wandb"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 160,
        LookBehind = 1,
        MinEntropy = 3.0,
        TruePositives =
        [
            "WANDB_API_KEY=59fd9090da7cc064635fd82cfa711633381fbbd5",
            "wandb.login(key=\"8b8fe16577efefb92f8790283b6439ec9284e0f9\")",
            "WANDB_API_KEY = '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'",
            "WANDB_API_KEY=local-1d3b87449d253892743d1c3971719cb675a185d7",
            "machine api.wandb.ai\n  login user\n  password f1a427109b0dddddcbd1d1cefdddd7d5f36454e2",
        ],
        FalsePositives =
        [
            "WANDB_API_KEY=b8f8641d73d140ae55603b05ac58e383",
            "wandb.init(project=\"llm-finetune\")",
            "WANDB_API_KEY=0000000000000000000000000000000000000000",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
