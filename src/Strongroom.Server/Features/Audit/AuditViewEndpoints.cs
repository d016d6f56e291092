using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Authorization;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Data.Audit;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using static Strongroom.Server.Features.Audit.AuditContracts;

namespace Strongroom.Server.Features.Audit;

/// <summary>
/// Who sees which events: <c>GET /api/settings/audit</c> the caller's own; <c>GET /api/organizations/{org}/audit</c>
/// every event touching the org, for its admins (or a token granted <c>org.auditLog.read</c> by one);
/// <c>GET /api/admin/audit</c> all of them, for hub admins. Same filters and cursor paging (<see cref="AuditFilter"/>).
/// </summary>
public static class AuditViewEndpoints
{
    public static void MapAuditViewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/settings/audit", OwnAsync).WithTags("Audit");
        routes.MapGet("/api/organizations/{org}/audit", OrgAsync).WithTags("Audit");
        routes.MapGet("/api/admin/audit", AllAsync).WithTags("Admin").AddEndpointFilter(AdminSession.Require);
    }

    private static async Task<Results<Results<Ok<AuditPage>, BadRequestError>, UnauthorizedError>> OwnAsync(HttpContext context, StrongroomDb db)
    {
        var user = context.GetCaller().User;
        return user is null
            ? ApiError.Unauthorized()
            : await PageAsync(context, db, db.AuditEvents.Where(e => e.ActorUserId == user.Id)).ConfigureAwait(false);
    }

    private static async Task<Results<Results<Ok<AuditPage>, BadRequestError>, Denied>> OrgAsync(string org, HttpContext context, StrongroomDb db, AccessGuard guard)
    {
        var (facts, found) = await guard.OrgAsync(context.GetCaller(), org, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.OrgAuditLogRead, facts, "org:" + org, AccessLevel.Admin).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return AccessGuard.Deny(decision);
        }

        var orgId = found!.Id;
        return await PageAsync(context, db, db.AuditEvents.Where(e => e.OrgId == orgId)).ConfigureAwait(false);
    }

    /// <summary>Everything; <c>lookup=KIND:VALUE</c> (e.g. <c>username:bob</c>) finds the events holding that value's HMAC.</summary>
    private static Task<Results<Ok<AuditPage>, BadRequestError>> AllAsync(HttpContext context, StrongroomDb db, AuditValueHasher hasher)
    {
        var lookup = context.Request.Query["lookup"].ToString().Split(':', 2);
        return lookup.Length == 2 && lookup[0].Length > 0
            ? PageAsync(context, db, db.AuditEvents, hasher.Hmac(lookup[0], lookup[0] == "username" ? Strongroom.Core.Hub.NameRules.Key(lookup[1]) : lookup[1]))
            : PageAsync(context, db, db.AuditEvents);
    }

    private static async Task<Results<Ok<AuditPage>, BadRequestError>> PageAsync(HttpContext context, StrongroomDb db, IQueryable<AuditRecord> scope, string? hmac = null)
    {
        var (parsed, invalid) = AuditFilter.Parse(context.Request.Query);
        if (parsed is null)
        {
            return ApiError.BadRequest("invalid_filter", $"{invalid} is not valid (from/to: ISO 8601; cursor: a seq; limit: 1-{AuditFilter.MaxLimit})");
        }

        // Events are chained milliseconds after their commit; a caller who just acted sees the event at once.
        await context.RequestServices.GetRequiredService<AuditSealer>().SealPendingAsync(context.RequestAborted).ConfigureAwait(false);
        var filter = hmac is null ? parsed : parsed with { Hmac = hmac };
        var rows = await filter.Apply(scope.AsNoTracking()).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        var page = rows.Take(filter.Limit).ToList();
        var actorIds = page.Select(r => r.ActorUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, context.RequestAborted).ConfigureAwait(false);
        var views = page.Select(r => View(r, r.ActorUserId is { } id ? names.GetValueOrDefault(id) : null)).ToList();
        return TypedResults.Ok(new AuditPage(views, rows.Count > filter.Limit ? page[^1].Seq : null));
    }

    private static AuditEventView View(AuditRecord r, string? actor) => new(r.Seq!.Value, r.Time, r.Action, r.Outcome, r.ActorUserId, actor,
        r.TokenId, r.Ip, r.UserAgent, r.Target, r.OrgId, r.DetailsJson is null ? null : JsonSerializer.Deserialize<JsonElement>(r.DetailsJson),
        Convert.ToHexStringLower(r.Hash ?? []));
}
