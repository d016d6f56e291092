namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>newrelic-user-api-key</c>: New Relic user API key.</summary>
internal static class NewRelicUserKeyRule
{
    public static SecretRule Create() => new()
    {
        Id = "newrelic-user-api-key",
        Description = "New Relic user API key",
        Confidence = Confidence.High,
        Keywords = ["NRAK-"],
        Pattern = @"(?:^|[^A-Za-z0-9_])(?<secret>NRAK-[A-Z0-9]{27})(?:[^A-Za-z0-9_]|$)",
        MaxLength = 34,
        MinEntropy = 3.5,
        TruePositives =
        [
            "NEW_RELIC_API_KEY=NRAK-YCWJH3EV1ZMYVPOIX85JQAMAIOH",
            "NRAK-ZDI31D7KGINQ6IO9AD96RQLOWLL",
        ],
        FalsePositives =
        [
            "NRAK-I8WWONFC8FAPC45AXXLO",
            "NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX",
        ],
    };
}
