using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>azure-ad-client-secret</c>: Microsoft Entra ID (Azure AD) client secret.</summary>
internal static partial class AzureAdClientSecretRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "azure-ad-client-secret",
        Description = "Microsoft Entra ID (Azure AD) client secret",
        Confidence = Confidence.High,
        Keywords = ["Q~"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 48,
        LookBehind = 5,
        MinEntropy = 3.5,
        TruePositives =
        [
            "AZURE_CLIENT_SECRET=PZm8Q~.m.NHiOZHUY7eeU~4zzRd6~bhvFkU7nCLN",
            "client_secret = \"JY27Q~Dv9nj48FjTvrScs113hLqqDLY8u1UfO\"",
        ],
        FalsePositives =
        [
            "path/Q~tilde",
            "Pha8Q~ilQ34ghTnidnywCUjZPS",
            "5cK8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
