namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>A scoped grant: permissions on one user, org or repository (by id; the id may name nothing).</summary>
/// <param name="EntityType">user, org, model, dataset or space.</param>
public sealed record ModelScope(string EntityType, string EntityId, IReadOnlyList<string> Permissions)
{
    public override string ToString() => $"{EntityType}:{EntityId}{{{string.Join(",", Permissions)}}}";
}
