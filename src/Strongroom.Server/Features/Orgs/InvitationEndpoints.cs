using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Data;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Orgs;

/// <summary>
/// The invitee's side of an invitation: list what is pending, accept (become a member with the invited
/// role) or decline. Accepting changes what every token of the user can reach, so it needs a session.
/// </summary>
public static class InvitationEndpoints
{
    public static void MapInvitationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/settings/invitations", ListAsync).WithTags("Organizations");
        var group = routes.MapGroup("/api/organizations/{org}/invitations").WithTags("Organizations")
            .AddEndpointFilter(SessionOnly.Require("Invitations are accepted or declined from a signed-in session, not with a token"));
        group.MapPost("/accept", AcceptAsync);
        group.MapPost("/decline", DeclineAsync);
    }

    private static async Task<Results<Ok<List<InvitationView>>, UnauthorizedError>> ListAsync(HttpContext context, StrongroomDb db, TimeProvider time)
    {
        if (context.GetCaller().User is not { } user)
        {
            return ApiError.Unauthorized();
        }

        var now = time.GetUtcNow();
        var pending = await (
            from i in db.Invitations.AsNoTracking()
            where i.UserId == user.Id && i.ExpiresAt > now
            join o in db.Organizations.AsNoTracking() on i.OrgId equals o.Id
            orderby o.Name
            select new { o.Name, i.Role, i.ExpiresAt }).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(pending.Select(p => new InvitationView(p.Name, user.Name, p.Role.ToWord(), "invited", p.ExpiresAt)).ToList());
    }

    private static Task<Results<Ok<MemberView>, NotFoundError>> AcceptAsync(string org, HttpContext context, StrongroomDb db, IAuditLog audit, TimeProvider time) =>
        OrgEndpoints.ChangeMembersAsync<Results<Ok<MemberView>, NotFoundError>>(org, db, context, async () =>
        {
            var (found, invitation) = await PendingAsync(org, context, db, time).ConfigureAwait(false);
            if (invitation is null)
            {
                return NoInvitation(org);
            }

            var user = context.GetCaller().User!;
            db.Invitations.Remove(invitation);
            if (!await db.Memberships.AnyAsync(m => m.OrgId == found!.Id && m.UserId == user.Id, context.RequestAborted).ConfigureAwait(false))
            {
                db.Memberships.Add(new Membership { OrgId = found!.Id, UserId = user.Id, Role = invitation.Role, CreatedAt = time.GetUtcNow() });
            }

            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
            await audit.WriteAsync(OrgEndpoints.MemberEvent(context, "org.member.join", found!, user, invitation.Role), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(new MemberView(user.Name, invitation.Role.ToWord()));
        });

    private static async Task<Results<NoContent, NotFoundError>> DeclineAsync(string org, HttpContext context, StrongroomDb db, IAuditLog audit, TimeProvider time)
    {
        var (found, invitation) = await PendingAsync(org, context, db, time).ConfigureAwait(false);
        if (invitation is null)
        {
            return NoInvitation(org);
        }

        db.Invitations.Remove(invitation);
        audit.Add(OrgEndpoints.MemberEvent(context, "org.member.decline", found!, context.GetCaller().User!, null));
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's unexpired invitation to <paramref name="org"/>; an expired one is as good as none.</summary>
    private static async Task<(Organization? Org, OrgInvitation? Invitation)> PendingAsync(string org, HttpContext context, StrongroomDb db, TimeProvider time)
    {
        var user = context.GetCaller().User!;
        var now = time.GetUtcNow();
        var found = NameRules.IsValidNamespace(org)
            ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == org, context.RequestAborted).ConfigureAwait(false)
            : null;
        var invitation = found is null
            ? null
            : await db.Invitations.FirstOrDefaultAsync(i => i.OrgId == found.Id && i.UserId == user.Id && i.ExpiresAt > now, context.RequestAborted).ConfigureAwait(false);
        return (found, invitation);
    }

    private static NotFoundError NoInvitation(string org) =>
        ApiError.NotFound($"You have no pending invitation to {org} (it may have expired, been withdrawn, or been accepted)");
}
