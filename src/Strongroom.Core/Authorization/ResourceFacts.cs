using Strongroom.Core.Hub;

namespace Strongroom.Core.Authorization;

/// <summary>The kind of resource a permission is asked on.</summary>
public enum ResourceKind
{
    Repo = 1,
    Org = 2,
    User = 3,
}

/// <summary>
/// What the decision needs to know about a resource and the caller's live relation to it, loaded
/// fresh for each request so a removed member loses access at once.
/// </summary>
public sealed record ResourceFacts
{
    public ResourceKind Kind { get; init; }
    public bool Exists { get; init; }
    /// <summary>Repository, org or user id.</summary>
    public string? Id { get; init; }
    public bool Public { get; init; }
    /// <summary>The user who owns the resource (a user-namespace repo, or the user itself).</summary>
    public string? OwnerUserId { get; init; }
    /// <summary>The org that owns the repo, or the org itself.</summary>
    public Organization? Org { get; init; }
    /// <summary>The caller's current role in <see cref="Org"/>, if a member.</summary>
    public OrgRole? CallerRole { get; init; }

    public static ResourceFacts Missing(ResourceKind kind) => new() { Kind = kind, Exists = false };
}
