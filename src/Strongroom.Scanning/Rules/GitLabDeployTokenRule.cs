namespace Strongroom.Scanning.Rules;

/// <summary>Rule <c>gitlab-deploy-token</c>: GitLab deploy token.</summary>
internal static class GitLabDeployTokenRule
{
    public static SecretRule Create() => new()
    {
        Id = "gitlab-deploy-token",
        Description = "GitLab deploy token",
        Confidence = Confidence.High,
        Keywords = ["gldt-"],
        Pattern = @"(?:^|[^A-Za-z0-9_-])(?<secret>gldt-[A-Za-z0-9_.-]{20,64})(?:[^A-Za-z0-9_-]|$)",
        MaxLength = 72,
        MinEntropy = 3.0,
        TruePositives =
        [
            "CI_TOKEN=gldt-utDeqkAN2xbD1E0KA-Xl",
            "token = \"gldt-l-UjZAi30f_VZx_zsl3O\"",
        ],
        FalsePositives =
        [
            "gldt-Aa_gbP_zNnrB",
            "gldt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "see gldt-<token>",
        ],
    };
}
