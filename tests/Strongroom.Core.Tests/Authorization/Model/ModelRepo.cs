using Strongroom.Core.Hub;

namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>A repository of a generated hub, owned by a user or an org.</summary>
public sealed record ModelRepo(string Id, RepoType Type, string OwnerId, bool OwnerIsOrg, bool Private)
{
    /// <summary>The grant entity type of this repository: model, dataset or space.</summary>
    public string EntityType => Type.ToString().ToLowerInvariant();

    public override string ToString() => $"{Id}={EntityType} {OwnerId}/{Id} {(Private ? "private" : "public")}";
}
