using Strongroom.Core.Authorization;

namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>The resource a generated request names, as the reference model sees it in the hub.</summary>
public sealed class ModelTarget
{
    public ModelTarget(ModelHub hub, ModelRequest request)
    {
        Hub = hub;
        Kind = request.Kind;
        switch (request.Kind)
        {
            case ResourceKind.Repo when hub.Repo(request.TargetId) is { } repo:
                Repo = repo;
                Exists = true;
                OwnerUser = repo.OwnerIsOrg ? null : repo.OwnerId;
                OwnerOrg = repo.OwnerIsOrg ? hub.Org(repo.OwnerId) : null;
                break;
            case ResourceKind.Org when hub.Org(request.TargetId) is { } org:
                Exists = true;
                OwnerOrg = org;
                break;
            case ResourceKind.User when hub.HasUser(request.TargetId):
                Exists = true;
                OwnerUser = request.TargetId;
                break;
        }
    }

    public ModelHub Hub { get; }
    public ResourceKind Kind { get; }
    public bool Exists { get; }
    public ModelRepo? Repo { get; }
    /// <summary>The user who owns the repository, or the user itself.</summary>
    public string? OwnerUser { get; }
    /// <summary>The org that owns the repository, or the org itself.</summary>
    public ModelOrg? OwnerOrg { get; }

    /// <summary>Everyone sees an org's and a user's profile, and a public repository.</summary>
    public bool IsPublic => Exists && (Repo is null || !Repo.Private);

    /// <summary>Whether the person sees it: public, theirs, or their org's (any role).</summary>
    public bool VisibleTo(string? person) =>
        IsPublic
        || (Exists && person is not null
            && (OwnerUser == person || (OwnerOrg is { } org && Hub.Membership(org.Id, person) is not null)));

    /// <summary>Whether a scoped grant's entity covers this resource: the user's or org's own, or this repository.</summary>
    public bool IsCoveredBy(ModelScope scope) => Exists && scope.EntityType switch
    {
        "user" => OwnerUser == scope.EntityId,
        "org" => OwnerOrg?.Id == scope.EntityId,
        _ => Repo is { } repo && repo.Id == scope.EntityId && repo.EntityType == scope.EntityType,
    };
}
