using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>npm-access-token</c>: npm access token.</summary>
internal static partial class NpmAccessTokenRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)";

    public static SecretRule Create() => new()
    {
        Id = "npm-access-token",
        Description = "npm access token",
        Confidence = Confidence.Certain,
        Keywords = ["npm_"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 40,
        Validate = GitHubChecksum.IsValid,
        TruePositives =
        [
            "//npm.registry.example/:_authToken=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",
            "NPM_TOKEN=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",
        ],
        FalsePositives =
        [
            "npm_I35g889nyyEdE0IhkL3Dni9ohIrtwo2AB75A",
            "npm_PIQ0j5n4uWhaYZuMWzXrM97fmwlwBJ",
            "npm_config_cache_dir",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
