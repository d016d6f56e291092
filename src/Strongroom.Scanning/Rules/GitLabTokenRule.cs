using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>gitlab-token</c>: GitLab CI/CD job, feed, incoming-mail, agent, OAuth application, SCIM, feature-flag or runner registration token.</summary>
internal static partial class GitLabTokenRule
{
    private const string PatternText =
        @"(?:^|[^A-Za-z0-9_-])(?<secret>glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_.-]{20,200}|gl(?:ft|imt|soat|ffct)-[A-Za-z0-9_.-]{20,200}|glagent-[A-Za-z0-9_.-]{50,200}"
        + @"|gloas-[A-Za-z0-9_.-]{64,200}|GR1348941[A-Za-z0-9_-]{20,64})(?:[^A-Za-z0-9_-]|$)";

    public static SecretRule Create() => new()
    {
        Id = "gitlab-token",
        Description = "GitLab CI/CD job, feed, incoming-mail, agent, OAuth application, SCIM, feature-flag or runner registration token",
        Confidence = Confidence.High,
        Keywords = ["glcbt-", "glft-", "glimt-", "glagent-", "gloas-", "glsoat-", "glffct-", "GR1348941"],
        Pattern = PatternText,
        Matcher = Compiled(),
        MaxLength = 215,
        MinEntropy = 3.0,
        TruePositives =
        [
            "CI_JOB_TOKEN=glcbt-64_0JSzyX68T6N_ib9WWUoF",
            "feed_token: glft-b4Ou-9elK7J20H89XcYO",
            "incoming_email_token = \"glimt-PvnxOKwT23QVebD9lIkpzyzji\"",
            "agent token glagent-b3Vat0clr6fcADoQUl-Ndca-LQPqQmRX-5IzkzqHmw1qr976PE",
            "OAUTH_SECRET=gloas-acdktRxUGENb-5XKICfKuYdSkoyXQEWfEquXj-yz3KKXN3EW64ZmV4uJBenuxXQ9",
            "SCIM_TOKEN=glsoat-w2qEmr1slYm4Wam4-BNx",
            "unleash: glffct-3K6E1GbMv9MbNMyN5fFG",
            "--registration-token GR13489413USpzd3OFJQHSdLoxAdK",
        ],
        FalsePositives =
        [
            "GR134894112312312312312312312",
            "GR1348941XXXXXXXXXXXXXXXXXXXX",
            "glft-xxxxxxxxxxxxxxxxxxxxxxxx",
            "https://gitlab.example/-/glft-settings",
        ],
    };

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compiled();
}
