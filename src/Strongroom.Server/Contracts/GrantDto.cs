using Strongroom.Core.Tokens;

namespace Strongroom.Server.Contracts;

/// <summary>
/// A fine-grained grant as the hub's API shapes it: in token creation and listing, and in whoami. A contract
/// shared by several slices (and the CLI), so it lives outside them.
/// </summary>
public sealed record GrantDto(IReadOnlyList<string>? Global, IReadOnlyList<ScopedGrantDto>? Scoped, bool? CanReadGatedRepos)
{
    public static GrantDto From(FineGrainedGrant grant) => new(
        grant.Global,
        grant.Scoped.Select(s => new ScopedGrantDto(new EntityDto(s.Entity.Type, s.Entity.Name, s.Entity.Id), s.Permissions)).ToList(),
        grant.CanReadGatedRepos);
}
