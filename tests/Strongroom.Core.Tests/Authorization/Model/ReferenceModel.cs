using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;

namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>
/// The status a request should get, written from SPEC §2 (grants ∩ the owner's live rights, no org
/// tokens, org policy, workload and runner tokens) and §8 (401 without credentials, 404 when absent or
/// invisible, 403 when visible but not allowed). Where the spec is silent it follows the hand-written
/// table in AuthorizationMatrixTests and the Hugging Face hub. It reasons over the generated hub, not
/// over <see cref="ResourceFacts"/>, and shares no code with <see cref="Authorizer"/>.
/// </summary>
public static class ReferenceModel
{
    public static int ExpectedStatus(Scenario scenario)
    {
        var (hub, caller, request) = scenario;
        var target = new ModelTarget(hub, request);

        switch (caller.Kind)
        {
            case CallerKind.Runner:
                // A runner credential starts Spaces through its own endpoints and may do nothing here.
                return target.IsPublic ? 403 : 404;
            case CallerKind.Workload:
                return WorkloadStatus(caller, request, target);
        }

        var person = caller.Kind == CallerKind.Anonymous ? null : caller.UserId;
        if (!target.VisibleTo(person))
        {
            return person is null ? 401 : 404;
        }

        // The matrix: a public resource is readable by anyone, with any token or none.
        if (!request.NeedsAdmin && target.IsPublic && IsPublicRead(request))
        {
            return 200;
        }

        if (person is null)
        {
            return 401;
        }

        if (!PersonMay(target, person, request))
        {
            return 403;
        }

        if (caller.IsPersonalToken && (!TokenGrants(caller, request, target) || PolicyRefuses(caller, target)))
        {
            return 403;
        }

        return 200;
    }

    /// <summary>Reads of what a public repository or an org profile shows to everyone.</summary>
    private static bool IsPublicRead(ModelRequest request) => (request.Kind, request.Permission) switch
    {
        (ResourceKind.Repo, "repo.content.read") => true,
        (ResourceKind.Org, "org.read") => true,
        _ => false,
    };

    /// <summary>What the person may do now, from ownership and current membership (HF roles).</summary>
    private static bool PersonMay(ModelTarget target, string person, ModelRequest request)
    {
        if (target.OwnerUser == person)
        {
            return true; // their own repository, or themself
        }

        if (target.Kind == ResourceKind.User)
        {
            return false; // another user's settings, webhooks, billing, namespace
        }

        var role = target.OwnerOrg is { } org ? target.Hub.Membership(org.Id, person)?.Role : null;
        if (request.NeedsAdmin)
        {
            return role == OrgRole.Admin;
        }

        return (target.Kind, request.Permission) switch
        {
            // Reading a repository and opening discussions on it need only that the person sees it (checked above).
            (ResourceKind.Repo, "repo.content.read" or "discussion.write") => true,
            (ResourceKind.Repo, _) => role is OrgRole.Write or OrgRole.Admin,
            (ResourceKind.Org, "org.read") => role is not null,
            // On the hub a contributor may create repositories in the org, not change others'.
            (ResourceKind.Org, "repo.write") => role is OrgRole.Contributor or OrgRole.Write or OrgRole.Admin,
            _ => role == OrgRole.Admin, // org settings, members, audit log
        };
    }

    private static bool TokenGrants(ModelCaller token, ModelRequest request, ModelTarget target)
    {
        switch (token.Kind)
        {
            case CallerKind.ClassicWrite:
                return true;
            case CallerKind.ClassicRead:
                // A read token reads what its owner may read; the audit log is a security view the spec
                // gives to admins through its own permission, not to every read token.
                return request.Permission.EndsWith(".read", StringComparison.Ordinal) && request.Permission != "org.auditLog.read";
        }

        return token.Global.Contains(request.Permission)
            || token.Scoped.Any(s => s.Permissions.Contains(request.Permission) && target.IsCoveredBy(s));
    }

    private static bool PolicyRefuses(ModelCaller token, ModelTarget target)
    {
        if (target.OwnerOrg is not { } org)
        {
            return false;
        }

        return (org.RequireFineGrained && token.IsClassic)
            || (org.MaxLifetimeDays is { } max && (token.LifetimeDays is not { } days || days > max));
    }

    /// <summary>A workload token acts on its own Space alone, with its grant, never as an admin.</summary>
    private static int WorkloadStatus(ModelCaller token, ModelRequest request, ModelTarget target)
    {
        var space = token.Scoped.FirstOrDefault(s => s.EntityType == "space");
        var own = target.Repo is { } repo && space is not null && repo.Id == space.EntityId;
        if (!own)
        {
            return target.IsPublic ? 403 : 404;
        }

        return !request.NeedsAdmin && space!.Permissions.Contains(request.Permission) ? 200 : 403;
    }
}
