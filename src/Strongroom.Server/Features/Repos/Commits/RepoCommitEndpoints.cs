using Microsoft.AspNetCore.Http.HttpResults;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Git.Writing;
using Strongroom.Scanning.Engine;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Features.Repos.PushProtection;

namespace Strongroom.Server.Features.Repos.Commits;

/// <summary>
/// The hub's write API: <c>POST /api/{type}s/{ns}/{name}/preupload/{rev}</c> and <c>…/commit/{rev}</c>. A
/// commit is a real git commit on the branch; its new files pass the push-protection gate first, and the
/// branch moves by compare-and-swap, so concurrent writers never lose a commit.
/// </summary>
public static class RepoCommitEndpoints
{
    public static void MapRepoCommitEndpoints(this IEndpointRouteBuilder routes)
    {
        var repos = routes.MapGroup("/api/{types:repotypes}/{ns}/{name}").WithTags("Repository content");
        repos.MapPost("/preupload/{rev}", PreuploadAsync);
        repos.MapPost("/commit/{rev}", CommitAsync).Accepts<string>("application/x-ndjson");
    }

    private static async Task<Results<Ok<PreuploadResponse>, Denied, BadRequestError, PayloadTooLargeError>> PreuploadAsync(
        string types, string ns, string name, string rev, PreuploadRequest request,
        HttpContext context, AccessGuard guard, IOptions<RepoOptions> options)
    {
        var (repo, denial) = await RepoEndpoints.AuthorizedAsync(RepoTypes.ParsePlural(types), ns, name, Permissions.RepoWrite, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return AccessGuard.Deny(denial!);
        }

        if (!BranchName.IsValid(Uri.UnescapeDataString(rev)))
        {
            return ApiError.BadRequest("invalid_revision", "The revision must be a branch name git accepts");
        }

        if (request.Files is not { Count: > 0 and <= 1000 } files)
        {
            return ApiError.BadRequest("invalid_files", "files must list 1 to 1000 files");
        }

        var answers = new List<PreuploadAnswer>(files.Count);
        foreach (var file in files)
        {
            if (RepoPath.Problem(file.Path) is { } problem)
            {
                return ApiError.BadRequest("invalid_path", problem);
            }

            if (file.Size > options.Value.MaxFileBytes || file.Size < 0)
            {
                return ApiError.TooLarge("file_too_large",
                    $"'{file.Path}' is {file.Size} bytes: files are at most {options.Value.MaxFileBytes} bytes here (regular files only, there is no LFS)");
            }

            answers.Add(new PreuploadAnswer(file.Path!, "regular", false));
        }

        return TypedResults.Ok(new PreuploadResponse(answers));
    }

    private static async Task<Results<Ok<CommitResponse>, Denied, BadRequestError, Results<BadRequestError, PayloadTooLargeError>, UnprocessableError,
        Results<NotFoundError, PreconditionFailedError, ConflictError>>> CommitAsync(
        string types, string ns, string name, string rev,
        HttpContext context, AccessGuard guard, BranchCommitter committer, PushGate gate, IOptions<RepoOptions> options)
    {
        var type = RepoTypes.ParsePlural(types);
        var (repo, denial) = await RepoEndpoints.AuthorizedAsync(type, ns, name, Permissions.RepoWrite, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return AccessGuard.Deny(denial!);
        }

        var branch = Uri.UnescapeDataString(rev);
        var bypass = context.Request.Query[BypassReasons.Name].ToString();
        if (RefusedQuery(context, branch, bypass) is { } refused)
        {
            return refused;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxCommitBytes;
        }

        var (request, invalid) = await new CommitRequestReader(options.Value.MaxFileBytes).ReadAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        if (request is null)
        {
            return invalid!;
        }

        var findings = options.Value.PushProtection ? ScanAdded(gate, request) : [];
        var decision = await gate.DecideAsync(context, repo, findings, bypass.Length > 0 ? bypass : null, context.RequestAborted).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return ApiError.Unprocessable("push_protection", decision.Text);
        }

        var (sha, error) = await committer.CommitAsync(context, repo, branch, request).ConfigureAwait(false);
        if (sha is null)
        {
            return error!;
        }

        return TypedResults.Ok(new CommitResponse(true, sha, RepoUrls.Of(context, repo, "/commit/" + sha), decision.Text));
    }

    /// <summary>The 400 for a branch git would refuse, a pull request, or an unknown bypass reason; else null.</summary>
    private static BadRequestError? RefusedQuery(HttpContext context, string branch, string bypass)
    {
        if (!BranchName.IsValid(branch))
        {
            return ApiError.BadRequest("invalid_revision", "The revision must be a branch name git accepts");
        }

        if (context.Request.Query.ContainsKey("create_pr"))
        {
            return ApiError.BadRequest("pull_requests_unsupported", "This hub does not have pull requests: commit to a branch");
        }

        return bypass.Length > 0 && !BypassReasons.IsValid(bypass)
            ? ApiError.BadRequest("invalid_bypass_reason", $"{BypassReasons.Name} must be one of {string.Join(", ", BypassReasons.All)}")
            : null;
    }

    /// <summary>What push protection finds in the files the commit adds, read from memory.</summary>
    private static List<Finding> ScanAdded(PushGate gate, CommitRequest request)
    {
        var findings = new List<Finding>();
        foreach (var change in request.Changes.Where(c => c.Kind == FileChangeKind.Add))
        {
            using var content = MemoryMarshal.TryGetArray(change.Content, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(change.Content.ToArray(), writable: false);
            gate.Scan(content, change.Path, findings);
        }

        return findings;
    }
}
