using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Orgs;

using MemberChange = Results<Ok<MemberView>, Accepted<InvitationView>, Results<Denied, NotFoundError>, ConflictError>;

/// <summary>
/// Organizations, their members and their token policy. There are no org tokens: people act on an
/// org's resources through their live membership, so changing it here changes access at once.
/// </summary>
public static class OrgEndpoints
{
    public static void MapOrgEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/organizations").WithTags("Organizations");
        group.MapPost("", CreateAsync);
        group.MapGet("/{org}/members", ListMembersAsync);
        group.MapPut("/{org}/members/{username}", SetMemberAsync);
        group.MapDelete("/{org}/members/{username}", RemoveMemberAsync);
        group.MapGet("/{org}/settings/token-policy", GetPolicyAsync);
        group.MapPut("/{org}/settings/token-policy", SetPolicyAsync);
    }

    private static async Task<Results<Created<OrgCreated>, UnauthorizedError, ForbiddenError, BadRequestError, ConflictError>> CreateAsync(
        CreateOrgRequest request,
        HttpContext context, StrongroomDb db, IAuditLog audit, TimeProvider time)
    {
        var caller = context.GetCaller();
        if (caller.User is null)
        {
            return ApiError.Unauthorized();
        }

        if (!caller.IsInteractive)
        {
            return ApiError.Forbidden("session_required", "Creating an organization needs an interactive session");
        }

        if (!NameRules.IsValidNamespace(request.Name) || !NameRules.IsValidFullname(request.Fullname))
        {
            return ApiError.BadRequest("invalid_name",
                "Organization names are 2-42 letters, digits or single hyphens, not at either end; a fullname is 1-200 characters without control characters");
        }

        var name = request.Name!;
        var key = NameRules.Key(name);
        if (await db.Namespaces.AnyAsync(n => n.Key == key, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiError.Conflict("name_taken", "That name is taken");
        }

        var now = time.GetUtcNow();
        var org = new Organization { Id = Ids.New(), Name = name, Fullname = request.Fullname, CreatedAt = now };
        db.Organizations.Add(org);
        db.Namespaces.Add(NamespaceName.For(org.Name, org.Id));
        db.Memberships.Add(new Membership { OrgId = org.Id, UserId = caller.User.Id, Role = OrgRole.Admin, CreatedAt = now });
        audit.Add(new AuditEvent
        {
            Action = "org.create", ActorUserId = caller.User.Id, TokenId = caller.Token?.Id, Ip = context.ClientIp(), Target = "org:" + org.Name, OrgId = org.Id,
        });
        try
        {
            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false); // the org and its event, one commit
        }
        catch (DbUpdateException e) when (e.IsDuplicateKey())
        {
            return ApiError.Conflict("name_taken", "That name is taken");
        }

        context.RequestServices.GetRequiredService<AccessChanges>().CallersChanged(); // the creator's cached memberships lack it
        return TypedResults.Created((string?)null, new OrgCreated(org.Id, org.Name, org.Fullname));
    }

    private static async Task<Results<Ok<List<MemberView>>, Denied>> ListMembersAsync(string org, HttpContext context, StrongroomDb db, AccessGuard guard)
    {
        var (facts, found) = await guard.OrgAsync(context.GetCaller(), org, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.OrgRead, facts, "org:" + org).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return AccessGuard.Deny(decision);
        }

        var members = await (
            from m in db.Memberships.AsNoTracking()
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            where m.OrgId == found!.Id
            orderby u.Name
            select new { u.Name, m.Role }).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(members.Select(m => new MemberView(m.Name, m.Role.ToWord())).ToList());
    }

    private static async Task<Results<BadRequestError, MemberChange>> SetMemberAsync(string org, string username, SetMemberRequest request, HttpContext context,
        StrongroomDb db, AccessGuard guard, IAuditLog audit, TimeProvider time)
    {
        if (!OrgRoles.TryParse(request.Role, out var role))
        {
            return ApiError.BadRequest("invalid_role", "role must be read, contributor, write or admin");
        }

        return await ChangeMembersAsync<MemberChange>(org, db, context, async () =>
        {
            var (found, user, error) = await AuthorizeMemberChangeAsync(org, username, context, db, guard).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var membership = await db.Memberships.FirstOrDefaultAsync(m => m.OrgId == found!.Id && m.UserId == user!.Id, context.RequestAborted).ConfigureAwait(false);
            if (membership is { Role: OrgRole.Admin } && role != OrgRole.Admin && await IsLastAdminAsync(db, found!.Id, context.RequestAborted).ConfigureAwait(false))
            {
                return ApiError.Conflict("last_admin", "An organization must keep at least one admin");
            }

            if (membership is null)
            {
                // Nobody joins an org without consent: a new member is invited and joins on accepting.
                var invitation = await OrgInvitations.InviteAsync(db, found!, user!, role, context.GetCaller().User!, time.GetUtcNow(), context.RequestAborted)
                    .ConfigureAwait(false);
                await audit.WriteAsync(MemberEvent(context, "org.member.invite", found!, user!, role), context.RequestAborted).ConfigureAwait(false);
                return TypedResults.Accepted((string?)null, OrgInvitations.View(found!, user!, invitation));
            }

            membership.Role = role;
            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
            await audit.WriteAsync(MemberEvent(context, "org.member.set", found!, user!, role), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(new MemberView(user!.Name, role.ToWord()));
        }).ConfigureAwait(false);
    }

    private static Task<Results<NoContent, Results<Denied, NotFoundError>, NotFoundError, ConflictError>> RemoveMemberAsync(string org, string username,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit) =>
        ChangeMembersAsync<Results<NoContent, Results<Denied, NotFoundError>, NotFoundError, ConflictError>>(org, db, context, async () =>
        {
            var (found, user, error) = await AuthorizeMemberChangeAsync(org, username, context, db, guard).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var membership = await db.Memberships.FirstOrDefaultAsync(m => m.OrgId == found!.Id && m.UserId == user!.Id, context.RequestAborted).ConfigureAwait(false);
            if (membership is null)
            {
                // Removing someone only invited withdraws the invitation.
                var withdrawn = await db.Invitations.Where(i => i.OrgId == found!.Id && i.UserId == user!.Id).ExecuteDeleteAsync(context.RequestAborted).ConfigureAwait(false);
                if (withdrawn == 0)
                {
                    return ApiError.NotFound($"{username} is not a member of {org}");
                }

                await audit.WriteAsync(MemberEvent(context, "org.member.uninvite", found!, user!, null), context.RequestAborted).ConfigureAwait(false);
                return TypedResults.NoContent();
            }

            if (membership.Role == OrgRole.Admin && await IsLastAdminAsync(db, found!.Id, context.RequestAborted).ConfigureAwait(false))
            {
                return ApiError.Conflict("last_admin", "An organization must keep at least one admin");
            }

            db.Memberships.Remove(membership);
            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
            await audit.WriteAsync(MemberEvent(context, "org.member.remove", found!, user!, null), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.NoContent();
        });

    /// <summary>
    /// Runs a change of an org's members under <see cref="OrgMembershipLock"/>: the caller's own role is read,
    /// and the admins counted, after any concurrent change committed. The transaction commits whatever the
    /// answer, so the audit events of refusals are kept too.
    /// </summary>
    internal static async Task<TResult> ChangeMembersAsync<TResult>(string org, StrongroomDb db, HttpContext context, Func<Task<TResult>> change)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted).ConfigureAwait(false);
        await OrgMembershipLock.TakeAsync(db, org, context.RequestAborted).ConfigureAwait(false);
        var result = await change().ConfigureAwait(false);
        await transaction.CommitAsync(context.RequestAborted).ConfigureAwait(false);
        // Cached callers carry their memberships: theirs are stale from the next request on.
        context.RequestServices.GetRequiredService<AccessChanges>().CallersChanged();
        return result;
    }

    private static async Task<Results<Ok<TokenPolicy>, Denied>> GetPolicyAsync(string org, HttpContext context, AccessGuard guard)
    {
        var (facts, found) = await guard.OrgAsync(context.GetCaller(), org, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.OrgRead, facts, "org:" + org).ConfigureAwait(false);
        return decision.Allowed ? TypedResults.Ok(new TokenPolicy(found!.RequireFineGrained, found.MaxTokenLifetimeDays)) : AccessGuard.Deny(decision);
    }

    private static async Task<Results<Ok<TokenPolicy>, BadRequestError, Denied>> SetPolicyAsync(
        string org, TokenPolicy policy,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit)
    {
        if (policy.MaxLifetimeDays is < 1 or > 3650)
        {
            return ApiError.BadRequest("invalid_policy", "maxLifetimeDays must be between 1 and 3650, or null");
        }

        var (facts, found) = await guard.OrgAsync(context.GetCaller(), org, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.OrgWrite, facts, "org:" + org).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return AccessGuard.Deny(decision);
        }

        var caller = context.GetCaller();
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted).ConfigureAwait(false);
        await db.Organizations.Where(o => o.Id == found!.Id).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.RequireFineGrained, policy.RequireFineGrained)
            .SetProperty(o => o.MaxTokenLifetimeDays, policy.MaxLifetimeDays), context.RequestAborted).ConfigureAwait(false);
        await audit.WriteAsync(new AuditEvent
        {
            Action = "org.policy.set",
            ActorUserId = caller.User?.Id,
            TokenId = caller.Token?.Id,
            Ip = context.ClientIp(),
            Target = "org:" + org,
            OrgId = found!.Id,
            Details = new Dictionary<string, string>
            {
                ["requireFineGrained"] = policy.RequireFineGrained ? "true" : "false",
                ["maxLifetimeDays"] = policy.MaxLifetimeDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            },
        }, context.RequestAborted).ConfigureAwait(false);
        await transaction.CommitAsync(context.RequestAborted).ConfigureAwait(false); // the policy and its event, one commit
        context.RequestServices.GetRequiredService<AccessChanges>().ResourcesChanged(); // the policy travels with the cached repositories of the org
        return TypedResults.Ok(policy);
    }

    private static async Task<(Organization? Org, User? User, Results<Denied, NotFoundError>? Error)> AuthorizeMemberChangeAsync(
        string org, string username,
        HttpContext context, StrongroomDb db, AccessGuard guard)
    {
        var (facts, found) = await guard.OrgAsync(context.GetCaller(), org, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.OrgWrite, facts, "org:" + org).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return (null, null, AccessGuard.Deny(decision));
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Name == username, context.RequestAborted).ConfigureAwait(false);
        return user is null ? (null, null, ApiError.NotFound($"No user {username}")) : (found, user, null);
    }

    private static async Task<bool> IsLastAdminAsync(StrongroomDb db, string orgId, CancellationToken cancellationToken) =>
        await db.Memberships.CountAsync(m => m.OrgId == orgId && m.Role == OrgRole.Admin, cancellationToken).ConfigureAwait(false) <= 1;

    internal static AuditEvent MemberEvent(HttpContext context, string action, Organization org, User user, OrgRole? role)
    {
        var caller = context.GetCaller();
        return new AuditEvent
        {
            Action = action,
            ActorUserId = caller.User?.Id,
            TokenId = caller.Token?.Id,
            Ip = context.ClientIp(),
            Target = $"org:{org.Name}/member:{user.Name}",
            OrgId = org.Id,
            Details = role is { } r ? new Dictionary<string, string> { ["role"] = r.ToWord() } : null,
        };
    }
}
