using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Authorization;

/// <summary>
/// The one decision function: a token's grants intersected with what its owner may do now.
/// Pure: every fact comes in <see cref="ResourceFacts"/>, so it is tested without storage.
/// </summary>
public static class Authorizer
{
    /// <param name="minimum">A stricter level than the permission implies (deleting an org repo needs admin).</param>
    public static AccessDecision Decide(Caller caller, string permission, ResourceFacts resource, AccessLevel? minimum = null)
    {
        switch (caller.Token?.Kind)
        {
            case TokenKind.Workload:
                return DecideWorkload(caller.Token, permission, resource, minimum);
            case TokenKind.Runner:
                // A runner credential only starts Spaces (its own endpoints check it); it acts on nothing else.
                return resource.Exists && resource.Public
                    ? AccessDecision.Forbidden("runner_token", "A runner credential can only start Spaces")
                    : AccessDecision.NotFound;
        }

        var level = resource.Exists ? LiveLevel(caller.User, resource) : AccessLevel.None;
        if (level == AccessLevel.None)
        {
            return caller.IsAuthenticated ? AccessDecision.NotFound : AccessDecision.Unauthenticated;
        }

        // Reading a public resource needs nothing: anyone, with any token or none, may do it.
        if (resource.Public && Permissions.IsReadOnly(permission) && (minimum ?? AccessLevel.PublicRead) <= AccessLevel.PublicRead)
        {
            return AccessDecision.Allow("public");
        }

        var needed = minimum ?? RequiredLevel(permission, resource);

        if (caller.User is null)
        {
            return AccessDecision.Unauthenticated;
        }

        if (level < needed)
        {
            return AccessDecision.Forbidden("insufficient_role", $"Your role does not allow {permission} here");
        }

        if (caller.Token is { } token)
        {
            if (!GrantCovers(token, permission, resource))
            {
                return AccessDecision.Forbidden("token_scope", $"This token is not granted {permission} on this resource");
            }

            if (resource.Org is { } org && PolicyRefuses(org, token) is { } refusal)
            {
                return refusal;
            }
        }

        return AccessDecision.Allow(caller.Token is null ? "session" : "token");
    }

    /// <summary>
    /// A workload token acts for its Space alone: what its grant names, on that one repository. Any
    /// other repository, public or not, is closed to it, so a leaked workload token reaches nothing else.
    /// </summary>
    private static AccessDecision DecideWorkload(AccessToken token, string permission, ResourceFacts resource, AccessLevel? minimum)
    {
        var ownSpace = resource.Exists && resource.Kind == ResourceKind.Repo && token.WorkloadSpaceId == resource.Id;
        if (!ownSpace)
        {
            return resource.Exists && resource.Public
                ? AccessDecision.Forbidden("workload_scope", "A workload token can only act on its own Space")
                : AccessDecision.NotFound;
        }

        if (minimum is { } needed && needed > AccessLevel.Write)
        {
            return AccessDecision.Forbidden("workload_scope", "A workload token cannot administer its Space");
        }

        return GrantCovers(token, permission, resource)
            ? AccessDecision.Allow("workload")
            : AccessDecision.Forbidden("token_scope", $"This workload token is not granted {permission}");
    }

    /// <summary>The caller's live level on the resource, from ownership and current membership.</summary>
    public static AccessLevel LiveLevel(User? user, ResourceFacts resource)
    {
        var isOwner = user is not null && resource.OwnerUserId == user.Id;
        var memberLevel = resource.CallerRole is { } role && user is not null ? FromRole(role) : AccessLevel.None;
        return resource.Kind switch
        {
            ResourceKind.Repo when isOwner => AccessLevel.Admin,
            ResourceKind.Repo when memberLevel != AccessLevel.None => memberLevel,
            ResourceKind.Repo => resource.Public ? AccessLevel.PublicRead : AccessLevel.None,
            ResourceKind.Org => memberLevel != AccessLevel.None ? memberLevel : AccessLevel.PublicRead,
            ResourceKind.User => isOwner ? AccessLevel.Admin : AccessLevel.PublicRead,
            _ => AccessLevel.None,
        };
    }

    private static AccessLevel FromRole(OrgRole role) => role switch
    {
        OrgRole.Read => AccessLevel.Read,
        OrgRole.Contributor => AccessLevel.Contributor,
        OrgRole.Write => AccessLevel.Write,
        OrgRole.Admin => AccessLevel.Admin,
        _ => AccessLevel.None,
    };

    /// <summary>The level a permission needs on a kind of resource.</summary>
    public static AccessLevel RequiredLevel(string permission, ResourceFacts resource) => (resource.Kind, permission) switch
    {
        (ResourceKind.Repo, Permissions.RepoContentRead) => AccessLevel.Read,
        (ResourceKind.Repo, Permissions.DiscussionWrite) => AccessLevel.PublicRead,
        (ResourceKind.Repo, _) => AccessLevel.Write,
        (ResourceKind.Org, Permissions.OrgRead) => AccessLevel.Read,
        // Creating a repository in an org's namespace is open to contributors, as on the hub.
        (ResourceKind.Org, Permissions.RepoWrite) => AccessLevel.Contributor,
        (ResourceKind.Org, _) => AccessLevel.Admin,
        (ResourceKind.User, _) => AccessLevel.Admin,
        _ => AccessLevel.Admin,
    };

    /// <summary>Whether the token's own grants include the permission on this resource.</summary>
    public static bool GrantCovers(AccessToken token, string permission, ResourceFacts resource)
    {
        if (token.Kind == TokenKind.Classic)
        {
            return token.Role == TokenRole.Write || (token.Role == TokenRole.Read && Permissions.ClassicRead.Contains(permission));
        }

        var grant = token.Grant;
        if (grant.Global.Contains(permission, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var scoped in grant.Scoped)
        {
            if (scoped.Permissions.Contains(permission, StringComparer.Ordinal) && EntityMatches(scoped.Entity, resource))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EntityMatches(GrantEntity entity, ResourceFacts resource) => entity.Type switch
    {
        "user" => resource.OwnerUserId == entity.Id,
        "org" => resource.Org?.Id == entity.Id,
        "model" or "dataset" or "space" => resource.Kind == ResourceKind.Repo && resource.Id == entity.Id,
        _ => false,
    };

    private static AccessDecision? PolicyRefuses(Organization org, AccessToken token)
    {
        if (token.UserId is null)
        {
            return null; // workload and runner tokens are scoped by what created them, not by member policy
        }

        if (org.RequireFineGrained && token.Role != TokenRole.FineGrained)
        {
            return AccessDecision.Forbidden("org_requires_fine_grained", $"Organization {org.Name} requires fine-grained tokens");
        }

        if (org.MaxTokenLifetimeDays is { } days
            && (token.ExpiresAt is not { } expires || expires - token.CreatedAt > TimeSpan.FromDays(days)))
        {
            return AccessDecision.Forbidden("org_token_lifetime", $"Organization {org.Name} accepts tokens that expire within {days} days of creation");
        }

        return null;
    }
}
