namespace Strongroom.Core.Tokens;

/// <summary>
/// What a fine-grained token may do, in the hub's shape: permissions that apply everywhere the owner
/// may act (<see cref="Global"/>), and permissions on one user, org or repository (<see cref="Scoped"/>).
/// </summary>
public sealed record FineGrainedGrant
{
    public IReadOnlyList<string> Global { get; init; } = [];
    public IReadOnlyList<ScopedGrant> Scoped { get; init; } = [];
    public bool CanReadGatedRepos { get; init; }

    public static FineGrainedGrant Empty { get; } = new();
}

/// <summary>Permissions granted on one entity.</summary>
public sealed record ScopedGrant(GrantEntity Entity, IReadOnlyList<string> Permissions);

/// <summary>
/// The entity of a scoped grant. <see cref="Id"/> is what is matched at request time, so a repository
/// deleted and re-created under the same name by someone else is not covered by an old grant.
/// </summary>
/// <param name="Type">user, org, model, dataset or space.</param>
public sealed record GrantEntity(string Type, string Name, string Id);
