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
/// The database context and the audit log are taken from the request's services when first needed: a
/// cached caller reading a cached repository leases no context.
/// </summary>
public sealed class AccessGuard(IServiceProvider services, AnonymousDenials anonymousDenials, RepoLookups repoLookups)
{
    private StrongroomDb? _db;

    private StrongroomDb Db => _db ??= services.GetRequiredService<StrongroomDb>();

    public async Task<(ResourceFacts Facts, Repository? Repo)> RepoAsync(Caller caller, RepoType type, string ns, string name, CancellationToken cancellationToken)
    {
        // A name no repository can have is answered as absent without asking the database (a NUL, say,
        // would make PostgreSQL fail the query).
        if (!NameRules.IsValidNamespace(ns) || !NameRules.IsValidRepoName(name))
        {
            return (ResourceFacts.Missing(ResourceKind.Repo), null);
        }

        var (repo, org) = await repoLookups.FindAsync(() => Db, caller, type, ns, name, cancellationToken).ConfigureAwait(false);
        if (repo is null)
        {
            return (ResourceFacts.Missing(ResourceKind.Repo), null);
        }

        var role = repo.OwnerIsOrg ? await RoleAsync(caller, repo.OwnerId, cancellationToken).ConfigureAwait(false) : null;

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
        if (!NameRules.IsValidNamespace(name))
        {
            return (ResourceFacts.Missing(ResourceKind.Org), null);
        }

        var org = await Db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == name, cancellationToken).ConfigureAwait(false);
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
        if (!NameRules.IsValidNamespace(ns))
        {
            return (ResourceFacts.Missing(ResourceKind.User), null, null);
        }

        var user = await Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Name == ns, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            return (new ResourceFacts { Kind = ResourceKind.User, Exists = true, Id = user.Id, Public = true, OwnerUserId = user.Id }, user, null);
        }

        var (facts, org) = await OrgAsync(caller, ns, cancellationToken).ConfigureAwait(false);
        return (facts, null, org);
    }

    /// <summary>
    /// Decides and, on denial of a known caller, writes an <c>authz.deny</c> audit event. Anonymous denials of
    /// existing resources are counted and written later in aggregate (<see cref="AnonymousDenials"/>); an
    /// anonymous request for something that does not exist is a crawler or a typo, not a security event.
    /// </summary>
    public async Task<AccessDecision> CheckAsync(HttpContext context, string permission, ResourceFacts facts, string target, AccessLevel? minimum = null)
    {
        var caller = context.GetCaller();
        var decision = Authorizer.Decide(caller, permission, facts, minimum);
        if (!decision.Allowed && !caller.IsAuthenticated)
        {
            if (facts.Exists)
            {
                anonymousDenials.Record(context.ClientIp(), target);
            }
        }
        else if (!decision.Allowed)
        {
            await services.GetRequiredService<IAuditLog>().WriteAsync(new AuditEvent
            {
                Action = "authz.deny",
                Outcome = AuditOutcome.Denied,
                ActorUserId = caller.User?.Id,
                TokenId = caller.Token?.Id,
                Ip = context.ClientIp(),
                Target = target,
                OrgId = facts.Org?.Id,
                Details = new Dictionary<string, string>
                {
                    ["permission"] = permission,
                    ["status"] = decision.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["code"] = decision.Code,
                },
            }, context.RequestAborted).ConfigureAwait(false);
        }

        return decision;
    }

    public static Denied Deny(AccessDecision decision) => new(decision);

    private async Task<OrgRole?> RoleAsync(Caller caller, string orgId, CancellationToken cancellationToken)
    {
        if (caller.User is null)
        {
            return null;
        }

        // A token's caller carries its owner's memberships, current as of this node's last access change.
        if (caller.TryGetRole(orgId, out var known))
        {
            return known;
        }

        var userId = caller.User.Id;
        var membership = await Db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.OrgId == orgId && m.UserId == userId, cancellationToken).ConfigureAwait(false);
        return membership?.Role;
    }
}
