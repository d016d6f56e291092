namespace Strongroom.Core.Hub;

/// <summary>
/// A user's or an organization's claim on its name whatever the case: one row per <see cref="NameRules.Key"/>,
/// unique across users and orgs together, so "Alice" cannot appear beside "alice", nor an org beside a user of
/// the same name, even when two requests race.
/// </summary>
public sealed class NamespaceName
{
    /// <summary>The name in lower case (names are ASCII).</summary>
    public required string Key { get; init; }

    /// <summary>The user's or the organization's id.</summary>
    public required string OwnerId { get; init; }

    public static NamespaceName For(string name, string ownerId) => new() { Key = NameRules.Key(name), OwnerId = ownerId };
}
