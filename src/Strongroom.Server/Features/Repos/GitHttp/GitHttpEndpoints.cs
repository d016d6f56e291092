using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Git.Http;
using Strongroom.Git.Storage;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Repos.GitHttp;

/// <summary>
/// git over HTTP at the hub's repository URLs (<c>/{ns}/{name}[.git]</c>, <c>/datasets/…</c>, <c>/spaces/…</c>):
/// <c>info/refs</c>, <c>git-upload-pack</c> (clone, fetch: <c>repo.content.read</c>) and <c>git-receive-pack</c>
/// (push: <c>repo.write</c>, through <see cref="GitPushReceiver"/> and push protection). Credentials come as
/// HTTP Basic with a token as the password, as on the Hugging Face hub; an anonymous request that needs them
/// gets the 401 challenge that makes git ask.
/// </summary>
public static class GitHttpEndpoints
{
    private const long MaxFetchRequestBytes = 64L * 1024 * 1024;

    public static void MapGitHttpEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var (prefix, type) in RepoUrls.Prefixes)
        {
            var repo = routes.MapGroup(prefix + "/{ns:namespace}/{name}").WithTags("git").ExcludeFromDescription();
            repo.MapGet("/info/refs", (string ns, string name, HttpContext context, AccessGuard guard, GitRepositoryStore store, GitHttpBackend backend, TimeProvider time) =>
                AdvertiseAsync(type, ns, name, context, guard, store, backend, time));
            repo.MapPost("/" + GitHttpBackend.UploadPack, (string ns, string name, HttpContext context, AccessGuard guard, GitRepositoryStore store,
                GitHttpBackend backend, TimeProvider time) =>
                UploadPackAsync(type, ns, name, context, guard, store, backend, time));
            repo.MapPost("/" + GitHttpBackend.ReceivePack, (string ns, string name, HttpContext context, AccessGuard guard, GitRepositoryStore store, GitPushReceiver receiver,
                IOptions<RepoOptions> options, TimeProvider time) => ReceivePackAsync(type, ns, name, context, guard, store, receiver, options, time));
        }
    }

    private static async Task<IResult> AdvertiseAsync(RepoType type, string ns, string name, HttpContext context, AccessGuard guard, GitRepositoryStore store,
        GitHttpBackend backend, TimeProvider time)
    {
        var service = context.Request.Query["service"].ToString();
        if (!GitHttpBackend.IsService(service))
        {
            return ApiError.Forbidden("smart_http_only", "Only git's smart HTTP protocol is served: use git 1.6.6 or later");
        }

        var permission = service == GitHttpBackend.ReceivePack ? Permissions.RepoWrite : Permissions.RepoContentRead;
        var (repo, denial) = await AuthorizedAsync(type, ns, name, permission, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return denial!;
        }

        var git = await store.EnsureAsync(repo, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        NoCache(context.Response);
        context.Response.ContentType = GitHttpBackend.AdvertisementType(service);
        await backend.AdvertiseAsync(git, service, context.Request.Headers["Git-Protocol"].ToString(), context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    private static async Task<IResult> UploadPackAsync(RepoType type, string ns, string name, HttpContext context, AccessGuard guard, GitRepositoryStore store,
        GitHttpBackend backend, TimeProvider time)
    {
        var (repo, denial) = await AuthorizedAsync(type, ns, name, Permissions.RepoContentRead, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return denial!;
        }

        SetBodyLimit(context, MaxFetchRequestBytes);
        var git = await store.EnsureAsync(repo, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        using var process = backend.StartService(git, GitHttpBackend.UploadPack, context.Request.Headers["Git-Protocol"].ToString(), environment: null);
        NoCache(context.Response);
        context.Response.ContentType = GitHttpBackend.ResultType(GitHttpBackend.UploadPack);
        await GitServiceStream.RunAsync(process, RequestBody(context), context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    private static async Task<IResult> ReceivePackAsync(RepoType type, string ns, string name, HttpContext context, AccessGuard guard, GitRepositoryStore store,
        GitPushReceiver receiver, IOptions<RepoOptions> options, TimeProvider time)
    {
        var (repo, denial) = await AuthorizedAsync(type, ns, name, Permissions.RepoWrite, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return denial!;
        }

        SetBodyLimit(context, options.Value.MaxPushBytes);
        var git = await store.EnsureAsync(repo, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        NoCache(context.Response);
        context.Response.ContentType = GitHttpBackend.ResultType(GitHttpBackend.ReceivePack);
        await receiver.ReceiveAsync(context, repo, git, RequestBody(context)).ConfigureAwait(false);
        return Results.Empty;
    }

    /// <summary>
    /// The repository (its name may end in <c>.git</c>) if the caller may do this, else the answer: a denial to an anonymous caller is
    /// the challenge that makes git ask for credentials.
    /// </summary>
    private static async Task<(Repository? Repo, IResult? Denial)> AuthorizedAsync(RepoType type, string ns, string name, string permission, HttpContext context, AccessGuard guard)
    {
        var bare = name.EndsWith(".git", StringComparison.Ordinal) ? name[..^4] : name;
        var (repo, denial) = await RepoEndpoints.AuthorizedAsync(type, ns, bare, permission, context, guard).ConfigureAwait(false);
        if (repo is not null)
        {
            return (repo, null);
        }

        if (!context.GetCaller().IsAuthenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Strongroom\"";
            return (null, ApiError.Unauthorized("Authentication required: use an access token as the password"));
        }

        return (null, AccessGuard.Deny(denial!));
    }

    private static Stream RequestBody(HttpContext context) =>
        context.Request.Headers.ContentEncoding.ToString() is "gzip" or "x-gzip"
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;

    private static void SetBodyLimit(HttpContext context, long bytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bytes;
        }
    }

    private static void NoCache(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache, max-age=0, must-revalidate";
        response.Headers.Pragma = "no-cache";
    }
}
