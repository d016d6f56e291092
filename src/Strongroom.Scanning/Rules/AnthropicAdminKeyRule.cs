using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>anthropic-admin-key</c>: Anthropic admin API key.</summary>
internal static partial class AnthropicAdminKeyRule
{
    private const string PatternText = @"(?:^|[^A-Za-z0-9_-])(?<secret>sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "anthropic-admin-key",
        Description = "Anthropic admin API key",
        Confidence = Confidence.High,
        Keywords = ["sk-ant-admin01-"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 114,
        MinEntropy = 4.0,
        TruePositives =
        [
            "ADMIN_KEY=sk-ant-admin01-ZJ8KI2t_pciyHBKnpHg4HZDabMmCa2VUbrnQOv5ENMha1URMJrnWMVrTVZIS7LQYPvHFEjPoScGTd_MNhFXwpSUVaiikkAA",
            "sk-ant-admin01-EtOPpR-YJ-8fkQTAOUjeQABjcnHWIFcaPls8yy5roR0qc1LFO2MbZWnNgtZgxh08_kZgr2FNajkvMNbmr5Yj4GA50uyvAAA",
        ],
        FalsePositives =
        [
            "sk-ant-admin01-RxmUZypEIP4u1L_FHGzU1IuDrMQZZusOu64xRDbFAA",
            "sk-ant-admin01-<your-key>",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
