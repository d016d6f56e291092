using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Strongroom.Core.Hub;
using Strongroom.Git.Content;
using Strongroom.Git.Storage;
using Strongroom.Git.Writing;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Repos.Content;

/// <summary>
/// File download at the hub's URLs: <c>/{ns}/{name}/resolve/{rev}/{path}</c> and <c>…/raw/…</c>, with the
/// <c>datasets/</c> and <c>spaces/</c> prefixes, for GET and HEAD. <c>Range</c>, <c>If-None-Match</c> and
/// <c>If-Range</c> are honoured (the ETag is the blob id); a missing path is 404 with
/// <c>X-Error-Code: EntryNotFound</c>, as the hub's clients expect.
/// </summary>
public static class RepoFileEndpoints
{
    public static void MapRepoFileEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var (prefix, type) in RepoUrls.Prefixes)
        {
            foreach (var kind in new[] { "resolve", "raw" })
            {
                routes.MapMethods($"{prefix}/{{ns:namespace}}/{{name}}/{kind}/{{rev}}/{{**path}}", [HttpMethods.Get, HttpMethods.Head],
                        (string ns, string name, string rev, string? path, HttpContext context, AccessGuard guard, GitRepositoryStore gitStore, TimeProvider time) =>
                            DownloadAsync(type, ns, name, rev, path, context, guard, gitStore, time))
                    .WithTags("Repository content")
                    .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream"); // a stream declares no status of its own
            }
        }
    }

    private static async Task<Results<FileStreamHttpResult, Denied, BadRequestError, NotFoundError>> DownloadAsync(
        RepoType type, string ns, string name, string rev, string? path,
        HttpContext context, AccessGuard guard, GitRepositoryStore gitStore, TimeProvider time)
    {
        var (repo, denial) = await RepoEndpoints.ReadableAsync(type, ns, name, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return AccessGuard.Deny(denial!);
        }

        if (RepoPath.Problem(path) is { } problem)
        {
            return ApiError.BadRequest("invalid_path", problem);
        }

        var revision = Uri.UnescapeDataString(rev);
        var git = await gitStore.EnsureAsync(repo, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        var content = GitContent.Open(git);
        context.Response.RegisterForDispose(content);
        if (content.Resolve(revision) is not { } sha)
        {
            return ApiError.RevisionNotFound(revision);
        }

        if (content.OpenFile(sha, path!) is not { } file)
        {
            return ApiError.EntryNotFound($"No file '{path}' at {revision}");
        }

        context.Response.Headers["X-Repo-Commit"] = sha;
        return TypedResults.Stream(file.Content, "application/octet-stream", enableRangeProcessing: true,
            entityTag: new EntityTagHeaderValue($"\"{file.Oid}\""), lastModified: content.CommitTime(sha));
    }
}
