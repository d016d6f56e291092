using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Authorization;
using Strongroom.Core.Leaks;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Leaks;

/// <summary>
/// Leak alerts, for whom they concern: <c>GET /api/settings/leaks</c> (the caller's own repositories) and
/// <c>GET /api/organizations/{org}/leaks</c> (its admins), each with <c>?state=</c>; <c>PUT …/leaks/{id}</c>
/// <c>{"state": "resolved" | "false-positive" | "revoked-elsewhere" | "open"}</c>.
/// </summary>
public static class LeakAlertEndpoints
{
    public static void MapLeakAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Leak response");
        group.MapGet("/settings/leaks", ListOwnAsync);
        group.MapPut("/settings/leaks/{id}", SetOwnAsync);
        group.MapGet("/organizations/{org}/leaks", ListOrgAsync);
        group.MapPut("/organizations/{org}/leaks/{id}", SetOrgAsync);
    }

    private static async Task<Results<Results<Ok<List<LeakAlertView>>, BadRequestError>, UnauthorizedError>> ListOwnAsync(HttpContext context, StrongroomDb db, string? state)
    {
        if (Person(context) is not { } userId)
        {
            return ApiError.Unauthorized();
        }

        return await ListAsync(db, userId, ownerIsOrg: false, state, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<Results<Results<Ok<LeakAlertView>, BadRequestError, NotFoundError>, UnauthorizedError>> SetOwnAsync(
        string id, LeakAlertStateRequest request,
        HttpContext context, StrongroomDb db, IAuditLog audit, TimeProvider time)
    {
        if (Person(context) is not { } userId)
        {
            return ApiError.Unauthorized();
        }

        return await SetAsync(id, userId, ownerIsOrg: false, request, context, db, audit, time).ConfigureAwait(false);
    }

    private static async Task<Results<Results<Ok<List<LeakAlertView>>, BadRequestError>, Denied>> ListOrgAsync(
        string org,
        HttpContext context, StrongroomDb db, AccessGuard guard, string? state)
    {
        var (facts, found) = await guard.OrgAsync(context.GetCaller(), org, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.OrgRead, facts, "org:" + org, AccessLevel.Admin).ConfigureAwait(false);
        return decision.Allowed
            ? await ListAsync(db, found!.Id, ownerIsOrg: true, state, context.RequestAborted).ConfigureAwait(false)
            : AccessGuard.Deny(decision);
    }

    private static async Task<Results<Results<Ok<LeakAlertView>, BadRequestError, NotFoundError>, Denied>> SetOrgAsync(
        string org, string id, LeakAlertStateRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit, TimeProvider time)
    {
        var (facts, found) = await guard.OrgAsync(context.GetCaller(), org, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.OrgWrite, facts, "org:" + org, AccessLevel.Admin).ConfigureAwait(false);
        return decision.Allowed
            ? await SetAsync(id, found!.Id, ownerIsOrg: true, request, context, db, audit, time).ConfigureAwait(false)
            : AccessGuard.Deny(decision);
    }

    private static async Task<Results<Ok<List<LeakAlertView>>, BadRequestError>> ListAsync(
        StrongroomDb db, string ownerId, bool ownerIsOrg, string? state, CancellationToken cancellationToken)
    {
        var query = db.LeakAlerts.AsNoTracking().Where(a => a.OwnerId == ownerId && a.OwnerIsOrg == ownerIsOrg);
        if (state is not null)
        {
            if (!LeakAlertStates.TryParse(state, out var wanted))
            {
                return ApiError.BadRequest("invalid_state", $"state is one of {string.Join(", ", LeakAlertStates.Words)}");
            }

            query = query.Where(a => a.State == wanted);
        }

        var alerts = await query.OrderByDescending(a => a.FirstSeenAt).ThenBy(a => a.Id).Take(1000).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(alerts.Select(LeakAlertView.From).ToList());
    }

    private static async Task<Results<Ok<LeakAlertView>, BadRequestError, NotFoundError>> SetAsync(
        string id, string ownerId, bool ownerIsOrg, LeakAlertStateRequest request,
        HttpContext context, StrongroomDb db, IAuditLog audit, TimeProvider time)
    {
        if (!LeakAlertStates.TryParse(request.State, out var state))
        {
            return ApiError.BadRequest("invalid_state", $"state is one of {string.Join(", ", LeakAlertStates.Words)}");
        }

        // Someone else's alert answers as an absent one.
        var alert = id.Length == 24
            ? await db.LeakAlerts
                .FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == ownerId && a.OwnerIsOrg == ownerIsOrg, context.RequestAborted)
                .ConfigureAwait(false)
            : null;
        if (alert is null)
        {
            return ApiError.NotFound("No such leak alert");
        }

        var caller = context.GetCaller();
        alert.State = state;
        alert.StateChangedAt = time.GetUtcNow();
        alert.StateChangedByUserId = caller.User?.Id;
        await audit.WriteAsync(new AuditEvent
        {
            Action = "leak.alert.state",
            ActorUserId = caller.User?.Id,
            TokenId = caller.Token?.Id,
            Ip = context.ClientIp(),
            Target = alert.Repository,
            OrgId = ownerIsOrg ? ownerId : null,
            Details = new Dictionary<string, string> { ["alert"] = alert.Id, ["state"] = state.ToWord() },
        }, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(LeakAlertView.From(alert));
    }

    /// <summary>The signed-in person (session or personal token); a workload or runner credential is nobody's.</summary>
    private static string? Person(HttpContext context) =>
        context.GetCaller() is { User: { } user, Token: var token } && token?.Kind is null or TokenKind.FineGrained or TokenKind.Classic ? user.Id : null;
}
