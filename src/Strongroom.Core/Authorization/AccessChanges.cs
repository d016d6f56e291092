namespace Strongroom.Core.Authorization;

/// <summary>
/// This node's count of changes to who may do what: tokens revoked or rotated, memberships, org token
/// policies, repository visibility, users. What is cached for access decisions is stamped with the count
/// read before it was loaded and is not used once the count has moved, so a change made through this
/// node applies from the next request on. Other nodes of a fleet see it when their entries expire
/// (<see cref="Tokens.TokenOptions.CacheTtl"/>, one second by default).
/// </summary>
public sealed class AccessChanges
{
    private long _version;

    /// <summary>Read before loading what is to be cached.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Call once the change is committed (a load that began before it then carries an older version).</summary>
    public void Advance() => Interlocked.Increment(ref _version);
}
