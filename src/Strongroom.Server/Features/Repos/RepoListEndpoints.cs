using Microsoft.AspNetCore.Http.HttpResults;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Repos;

/// <summary>
/// <c>GET /api/{models|datasets|spaces}?author=&amp;limit=&amp;cursor=</c>: what the caller may read, paged
/// with a <c>Link: &lt;…&gt;; rel="next"</c> header as the hub does.
/// </summary>
public static class RepoListEndpoints
{
    private const int MaxLimit = 1000;

    public static void MapRepoListEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/{types:repotypes}", ListAsync).WithTags("Repositories");

    private static async Task<Results<Ok<List<RepoView>>, BadRequestError>> ListAsync(
        string types, string? author, string? search, int? limit, string? cursor,
        HttpContext context, StrongroomDb db)
    {
        var type = RepoTypes.ParsePlural(types);
        var take = Math.Clamp(limit ?? MaxLimit, 1, MaxLimit);
        if (!TryDecodeCursor(cursor, out var after))
        {
            return ApiError.BadRequest("invalid_cursor", "cursor is not one this server issued");
        }

        var caller = context.GetCaller();
        var roles = caller.User is null
            ? new Dictionary<string, OrgRole>()
            : await db.Memberships.AsNoTracking().Where(m => m.UserId == caller.User.Id).ToDictionaryAsync(m => m.OrgId, m => m.Role, context.RequestAborted).ConfigureAwait(false);
        var orgIds = roles.Keys.ToList();
        var userId = caller.User?.Id;

        var query = db.Repositories.AsNoTracking().Where(r => r.Type == type)
            .Where(r => !r.Private || r.OwnerId == userId || orgIds.Contains(r.OwnerId));
        if (!string.IsNullOrEmpty(author))
        {
            query = query.Where(r => r.Namespace == author);
        }

        if (!string.IsNullOrEmpty(search) && search.Length <= 100)
        {
            query = query.Where(r => r.Name.Contains(search));
        }

        if (after is { } a)
        {
            query = query.Where(r => string.Compare(r.Namespace, a.Ns) > 0 || (r.Namespace == a.Ns && string.Compare(r.Name, a.Name) > 0));
        }

        var page = await query.OrderBy(r => r.Namespace).ThenBy(r => r.Name).Take(take + 1).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, context.RequestAborted).ConfigureAwait(false);
        var visible = page.Take(take).Where(r => CanRead(caller, r, roles, orgs)).Select(RepoView.From).ToList();
        if (page.Count > take)
        {
            var last = page[take - 1];
            var next = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?" + NextQuery(context, EncodeCursor(last.Namespace, last.Name));
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(visible);
    }

    private static bool CanRead(Caller caller, Repository r, Dictionary<string, OrgRole> roles, Dictionary<string, Organization> orgs)
    {
        var facts = new ResourceFacts
        {
            Kind = ResourceKind.Repo,
            Exists = true,
            Id = r.Id,
            Public = !r.Private,
            OwnerUserId = r.OwnerIsOrg ? null : r.OwnerId,
            Org = r.OwnerIsOrg ? orgs.GetValueOrDefault(r.OwnerId) : null,
            CallerRole = r.OwnerIsOrg && roles.TryGetValue(r.OwnerId, out var role) ? role : null,
        };
        return Authorizer.Decide(caller, Permissions.RepoContentRead, facts).Allowed;
    }

    private static string NextQuery(HttpContext context, string cursor)
    {
        var pairs = context.Request.Query.Where(q => q.Key != "cursor")
            .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? "")))
            .Append("cursor=" + Uri.EscapeDataString(cursor));
        return string.Join('&', pairs);
    }

    private static string EncodeCursor(string ns, string name) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(ns + "/" + name)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeCursor(string? cursor, out (string Ns, string Name)? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=')));
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || cursor.Length > 300)
            {
                return false;
            }

            after = (text[..slash], text[(slash + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
