using Microsoft.AspNetCore.Http.HttpResults;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Contracts;

namespace Strongroom.Server.Features.WhoAmI;

/// <summary><c>GET /api/whoami-v2</c> in the hub's shape: the person, their orgs, and what the credential is.</summary>
public static class WhoAmIEndpoints
{
    public sealed record OrgView(string Type, string Id, string Name, string? Fullname, string RoleInOrg);

    public sealed record AccessTokenView(string DisplayName, string Role, DateTimeOffset CreatedAt, GrantDto? FineGrained);

    public sealed record AuthView(string Type, AccessTokenView? AccessToken, DateTimeOffset? ExpiresAt);

    public sealed record WhoAmIView(string Type, string Id, string Name, string? Fullname, string? Email, bool EmailVerified,
        bool IsPro, bool CanPay, IReadOnlyList<OrgView> Orgs, AuthView Auth);

    public static void MapWhoAmIEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/whoami-v2", WhoAmIAsync).AllowedBeforePasswordChange().WithTags("Identity");

    /// <summary>
    /// The body for a cached token's caller, rendered once per snapshot: the caller is immutable and a new one
    /// is loaded after any change, so the entry goes with it.
    /// </summary>
    private static readonly ConditionalWeakTable<Caller, byte[]> Rendered = new();

    // The database context is asked for only on the session path: a cached token's caller needs none.
    private static async Task<Results<Ok<WhoAmIView>, FileContentHttpResult, UnauthorizedError>> WhoAmIAsync(HttpContext context, IOptions<JsonOptions> json)
    {
        var caller = context.GetCaller();
        if (caller.User is not { } user)
        {
            return caller.Token is null
                ? ApiError.Unauthorized()
                : ApiError.Unauthorized("This credential belongs to a Space runtime or a runner, not to a person", "not_a_user_token");
        }

        if (caller.Orgs is { } known)
        {
            // A token's caller carries its owner's orgs, loaded and cached with the token.
            // No lambda: a capturing one would allocate a closure on every request, hits included.
            if (!Rendered.TryGetValue(caller, out var body))
            {
                body = JsonSerializer.SerializeToUtf8Bytes(View(caller, user, known), json.Value.SerializerOptions);
                Rendered.AddOrUpdate(caller, body); // a concurrent first request renders the same bytes
            }

            return TypedResults.Bytes(body, "application/json; charset=utf-8");
        }

        return TypedResults.Ok(View(caller, user,
            await OrgsAsync(context.RequestServices.GetRequiredService<StrongroomDb>(), user.Id, context.RequestAborted).ConfigureAwait(false)));
    }

    private static WhoAmIView View(Caller caller, User user, IReadOnlyList<CallerOrg> orgs)
    {
        var token = caller.Token;
        var auth = token is null
            ? new AuthView("session", null, null)
            : new AuthView("access_token",
                new AccessTokenView(token.DisplayName, token.Role.ToWire(), token.CreatedAt,
                    token.Role == TokenRole.FineGrained ? GrantDto.From(token.Grant) : null),
                token.ExpiresAt);

        return new WhoAmIView("user", user.Id, user.Name, user.Fullname, MayReadEmail(token, user) ? user.Email : null, true, false, false,
            orgs.Select(o => new OrgView("org", o.Id, o.Name, o.Fullname, o.Role.ToWord())).ToList(), auth);
    }

    private static async Task<IReadOnlyList<CallerOrg>> OrgsAsync(StrongroomDb db, string userId, CancellationToken cancellationToken)
    {
        return await (
            from m in db.Memberships.AsNoTracking()
            join o in db.Organizations.AsNoTracking() on m.OrgId equals o.Id
            where m.UserId == userId
            orderby o.Name
            select new CallerOrg(o.Id, o.Name, o.Fullname, m.Role)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sessions and classic tokens see the email; a fine-grained token only if scoped to its own user.</summary>
    private static bool MayReadEmail(AccessToken? token, User user) =>
        token is null || token.Kind == TokenKind.Classic || token.Grant.Scoped.Any(s => s.Entity.Type == "user" && s.Entity.Id == user.Id);
}
