namespace Strongroom.Core.Authorization;

/// <summary>
/// This node's counts of changes to who may do what, in two parts: callers (tokens revoked or rotated,
/// memberships, users) and resources (repositories created, deleted, made private or written to, org token
/// policies). What is cached for access decisions is stamped with the count read before it was loaded and
/// is not used once the count has moved, so a change made through this node applies from the next request
/// on. Other nodes of a fleet see it when their entries expire (<see cref="Tokens.TokenOptions.CacheTtl"/>,
/// one second by default). Two counts, so that a push to a repository does not drop every cached token.
/// </summary>
public sealed class AccessChanges
{
    private long _callers;
    private long _resources;

    /// <summary>Read before loading a caller (token, owner, memberships) to cache.</summary>
    public long CallerVersion => Volatile.Read(ref _callers);

    /// <summary>Read before loading a resource (repository and its org) to cache.</summary>
    public long ResourceVersion => Volatile.Read(ref _resources);

    /// <summary>Call once a change to tokens, users or memberships is committed.</summary>
    public void CallersChanged() => Interlocked.Increment(ref _callers);

    /// <summary>Call once a change to repositories or org token policies is committed.</summary>
    public void ResourcesChanged() => Interlocked.Increment(ref _resources);
}
