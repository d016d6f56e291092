namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>notion-token</c>: Notion integration token.</summary>
internal static class NotionTokenRule
{
    public static SecretRule Create() => new()
    {
        Id = "notion-token",
        Description = "Notion integration token",
        Confidence = Confidence.High,
        Keywords = ["ntn_"],
        Pattern = @"(?:^|[^A-Za-z0-9_])(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35})(?:[^A-Za-z0-9_]|$)",
        MaxLength = 52,
        MinEntropy = 3.5,
        TruePositives =
        [
            "NOTION_TOKEN=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",
            "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",
        ],
        FalsePositives =
        [
            "ntn_31132909057eN1dSFBdLL",
            "ntn_version",
        ],
    };
}
