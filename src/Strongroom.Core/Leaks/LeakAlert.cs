namespace Strongroom.Core.Leaks;

/// <summary>
/// A third-party secret a sweep found in a public repository, reported to the repository's owner (a user, or
/// an org's admins) once per secret and place. It holds where and what kind, never the secret: the
/// fingerprint identifies it without revealing it.
/// </summary>
public sealed class LeakAlert
{
    public required string Id { get; init; }

    public required string RepoId { get; init; }

    /// <summary>The repository's owner when found: a user id, or an org id when <see cref="OwnerIsOrg"/>.</summary>
    public required string OwnerId { get; init; }

    public bool OwnerIsOrg { get; init; }

    /// <summary>The repository as <c>type:namespace/name</c> when found, for people reading the alert.</summary>
    public required string Repository { get; init; }

    public required string RuleId { get; init; }

    public required string Description { get; init; }

    public required string Fingerprint { get; init; }

    public required string Path { get; init; }

    public long Line { get; init; }

    /// <summary>The commit that added it, when the sweep looked it up.</summary>
    public string? Commit { get; init; }

    public DateTimeOffset FirstSeenAt { get; init; }

    public LeakAlertState State { get; set; }

    public DateTimeOffset? StateChangedAt { get; set; }

    public string? StateChangedByUserId { get; set; }
}
