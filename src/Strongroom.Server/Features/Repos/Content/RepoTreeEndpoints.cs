using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.Extensions.Options;
using Strongroom.Core.Hub;
using Strongroom.Git.Content;
using Strongroom.Git.Storage;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Repos.Content;

/// <summary>
/// Reading a repository at a revision: <c>GET /api/{type}s/{ns}/{name}/revision/{rev}</c> (the info with
/// <c>sha</c> and <c>siblings</c>, what the clients' <c>modelInfo</c> asks) and <c>…/tree/{rev}[/{path}]</c>
/// (paged through the <c>Link</c> header, each page pinned to the commit the first one resolved).
/// </summary>
public static class RepoTreeEndpoints
{
    public static void MapRepoTreeEndpoints(this IEndpointRouteBuilder routes)
    {
        var repos = routes.MapGroup("/api/{types:repotypes}/{ns}/{name}").WithTags("Repository content");
        repos.MapGet("/revision/{rev}", RevisionAsync);
        repos.MapGet("/tree/{rev}/{**path}", TreeAsync);
    }

    private static async Task<Results<Ok<RepoView>, Denied, NotFoundError>> RevisionAsync(string types, string ns, string name, string rev, HttpContext context, AccessGuard guard,
        GitRepositoryStore gitStore, RevisionReader reader, TimeProvider time)
    {
        var (repo, denial) = await RepoEndpoints.ReadableAsync(RepoTypes.ParsePlural(types), ns, name, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return AccessGuard.Deny(denial!);
        }

        var revision = Uri.UnescapeDataString(rev);
        var git = await gitStore.EnsureAsync(repo, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        return reader.Files(git, repo.Id, revision) is { } at
            ? TypedResults.Ok(RepoView.AtRevision(repo, at.Sha, at.Committed, at.Paths))
            : ApiError.RevisionNotFound(revision);
    }

    private static async Task<Results<Ok<IReadOnlyList<TreeItem>>, Denied, BadRequestError, NotFoundError>> TreeAsync(
        string types, string ns, string name, string rev, string? path,
        HttpContext context, AccessGuard guard, GitRepositoryStore gitStore, RevisionReader reader, IOptions<RepoOptions> options, TimeProvider time)
    {
        var (repo, denial) = await RepoEndpoints.ReadableAsync(RepoTypes.ParsePlural(types), ns, name, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return AccessGuard.Deny(denial!);
        }

        var query = context.Request.Query;
        var recursive = query["recursive"].ToString() is "true" or "1" or "True";
        var offset = 0;
        if (query["cursor"].ToString() is { Length: > 0 } cursor && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            return ApiError.BadRequest("invalid_cursor", "cursor must be the value from a Link header");
        }

        var revision = Uri.UnescapeDataString(rev);
        var git = await gitStore.EnsureAsync(repo, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        var (sha, items) = reader.Tree(git, repo.Id, revision, path, recursive);
        if (sha is null)
        {
            return ApiError.RevisionNotFound(revision);
        }

        if (items is null)
        {
            return ApiError.EntryNotFound($"No directory '{path}' at {revision}");
        }

        var size = options.Value.TreePageSize;
        // The cached listing itself when one page holds it all (it is never changed once cached).
        IReadOnlyList<TreeItem> page = offset == 0 && items.Count <= size ? items : [.. items.Skip(offset).Take(size)];
        if (offset + size < items.Count)
        {
            // The next page reads the same commit, whatever the branch does meanwhile.
            var pathPart = string.IsNullOrEmpty(path) ? "" : "/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
            var next = $"{context.Request.Scheme}://{context.Request.Host}/api/{types}/{ns}/{name}/tree/{sha}{pathPart}"
                + $"?recursive={(recursive ? "true" : "false")}&expand={query["expand"]}&cursor={offset + size}";
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(page);
    }
}
