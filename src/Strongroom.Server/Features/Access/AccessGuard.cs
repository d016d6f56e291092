using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Data;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Access;

/// <summary>
/// Loads the live facts about a resource for the current caller, asks <see cref="Authorizer"/>, and
/// records every denial. Every endpoint that touches a user, org or repository goes through here.
/// </summary>
public sealed class AccessGuard(StrongroomDb db, IAuditLog audit)
{
    public async Task<(ResourceFacts Facts, Repository? Repo)> RepoAsync(Caller caller, RepoType type, string ns, string name, CancellationToken cancellationToken)
    {
        var repo = await db.Repositories.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Type == type && r.Namespace == ns && r.Name == name, cancellationToken).ConfigureAwait(false);
        if (repo is null)
        {
            return (ResourceFacts.Missing(ResourceKind.Repo), null);
        }

        Organization? org = null;
        OrgRole? role = null;
        if (repo.OwnerIsOrg)
        {
            org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == repo.OwnerId, cancellationToken).ConfigureAwait(false);
            role = await RoleAsync(caller, repo.OwnerId, cancellationToken).ConfigureAwait(false);
        }

        var facts = new ResourceFacts
        {
            Kind = ResourceKind.Repo,
            Exists = true,
            Id = repo.Id,
            Public = !repo.Private,
            OwnerUserId = repo.OwnerIsOrg ? null : repo.OwnerId,
            Org = org,
            CallerRole = role,
        };
        return (facts, repo);
    }

    public async Task<(ResourceFacts Facts, Organization? Org)> OrgAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == name, cancellationToken).ConfigureAwait(false);
        if (org is null)
        {
            return (ResourceFacts.Missing(ResourceKind.Org), null);
        }

        var role = await RoleAsync(caller, org.Id, cancellationToken).ConfigureAwait(false);
        return (new ResourceFacts { Kind = ResourceKind.Org, Exists = true, Id = org.Id, Public = true, Org = org, CallerRole = role }, org);
    }

    /// <summary>Facts for a namespace: the user of that name, or else the org of that name.</summary>
    public async Task<(ResourceFacts Facts, User? User, Organization? Org)> NamespaceAsync(Caller caller, string ns, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Name == ns, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            return (new ResourceFacts { Kind = ResourceKind.User, Exists = true, Id = user.Id, Public = true, OwnerUserId = user.Id }, user, null);
        }

        var (facts, org) = await OrgAsync(caller, ns, cancellationToken).ConfigureAwait(false);
        return (facts, null, org);
    }

    /// <summary>Decides and, on denial by a known caller or of an existing resource, writes an <c>authz.deny</c> audit event.</summary>
    public async Task<AccessDecision> CheckAsync(HttpContext context, string permission, ResourceFacts facts, string target, AccessLevel? minimum = null)
    {
        var caller = context.GetCaller();
        var decision = Authorizer.Decide(caller, permission, facts, minimum);
        // An anonymous request for something that does not exist is a crawler or a typo, not a
        // security event; recording each one would let anyone grow the audit log at will.
        if (!decision.Allowed && (caller.IsAuthenticated || facts.Exists))
        {
            await audit.WriteAsync(new AuditEvent
            {
                Action = "authz.deny",
                Outcome = AuditOutcome.Denied,
                ActorUserId = caller.User?.Id,
                TokenId = caller.Token?.Id,
                Ip = context.ClientIp(),
                Target = target,
                OrgId = facts.Org?.Id,
                Details = new Dictionary<string, string> { ["permission"] = permission, ["status"] = decision.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), ["code"] = decision.Code },
            }, context.RequestAborted).ConfigureAwait(false);
        }

        return decision;
    }

    public static IResult Deny(AccessDecision decision) => ApiError.Result(decision.Status, decision.Code, decision.Reason);

    private async Task<OrgRole?> RoleAsync(Caller caller, string orgId, CancellationToken cancellationToken)
    {
        if (caller.User is null)
        {
            return null;
        }

        var userId = caller.User.Id;
        var membership = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.OrgId == orgId && m.UserId == userId, cancellationToken).ConfigureAwait(false);
        return membership?.Role;
    }
}
