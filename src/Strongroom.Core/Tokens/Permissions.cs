namespace Strongroom.Core.Tokens;

/// <summary>
/// The permission catalogue: the Hugging Face names plus Strongroom's own. Other hub services may add
/// names through configuration (<c>Tokens:ExtraPermissions</c>) and check them with <c>/api/auth/check</c>.
/// </summary>
public static class Permissions
{
    public const string RepoContentRead = "repo.content.read";
    public const string RepoWrite = "repo.write";
    public const string RepoSecretsWrite = "repo.secrets.write";
    public const string DiscussionWrite = "discussion.write";
    public const string OrgRead = "org.read";
    public const string OrgWrite = "org.write";
    public const string OrgAuditLogRead = "org.auditLog.read";
    public const string CollectionRead = "collection.read";
    public const string CollectionWrite = "collection.write";

    /// <summary>Every built-in permission name.</summary>
    public static IReadOnlySet<string> BuiltIn { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        RepoContentRead, RepoWrite, RepoSecretsWrite, DiscussionWrite,
        OrgRead, OrgWrite, OrgAuditLogRead, CollectionRead, CollectionWrite,
        "inference.serverless.write", "inference.endpoints.infer.write", "inference.endpoints.write",
        "user.webhooks.read", "user.webhooks.write", "user.billing.read", "resource_group.write", "job.write",
    };

    /// <summary>What a classic <c>read</c> token may do (on everything its owner may read).</summary>
    public static IReadOnlySet<string> ClassicRead { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        RepoContentRead, OrgRead, CollectionRead, "user.webhooks.read", "user.billing.read",
    };

    /// <summary>Whether a permission only reads (a public resource allows it to anyone).</summary>
    public static bool IsReadOnly(string permission) =>
        permission is RepoContentRead or OrgRead or CollectionRead;
}
