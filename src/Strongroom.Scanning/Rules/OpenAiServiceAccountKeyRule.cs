using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>openai-service-account-key</c>: OpenAI service-account API key.</summary>
internal static partial class OpenAiServiceAccountKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>sk-(?:svcacct|service)-[A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "openai-service-account-key",
        Description = "OpenAI service-account API key",
        Confidence = Confidence.High,
        Keywords = ["sk-svcacct-", "sk-service-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 240,
        TruePositives =
        [
            "OPENAI_API_KEY=\"sk-svcacct-UBQ2FAWnL-n9SDWLFoJ0yZDJp5MNKIU5bNdQu62XMvsUSkc4UoTZ9W7E7RFMoUK5rRmam8e_HyT3BlbkFJV6zpVYRLuoiCJYQTrj9VRfgREKOMk-ixfmT_7pIWbpRBtSkSoCVmCtu"
                + "kff7h5A34rRGXQpW86O\"",
            "OPENAI_API_KEY=sk-service-575yx8xm5MslfY5ubiheyEd7P4zDL-ak6J0kGODKdinZnLXiT3BlbkFJcaBAg8WY1jzIRlNQb0prFmbh7_wy5yq1XoY1BaIMcAxYmfsB",
            "key: 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",
        ],
        FalsePositives =
        [
            "sk-svcacct-yt0ju8nK9XRFZCdDebF4p0of9fYj0OODFk8ZGKXx2D3ibb248vHoUaAo6OuDNsQBOsrh-SB9-51m3Oaz6tdMgHi2VTKsvlW8G2G-w89F-TScc7lJ84i5ydNSW6NsE2tA0KNWnUfRg2XWmQZ5jHvS3o",
            "sk-svcacct-xxxxxxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxxxxxx",
            "sk-svcacct-...",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
