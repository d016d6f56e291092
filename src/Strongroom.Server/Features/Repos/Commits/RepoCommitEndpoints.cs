using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Git.Content;
using Strongroom.Git.Storage;
using Strongroom.Git.Writing;
using Strongroom.Scanning.Engine;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Features.PushProtection;

namespace Strongroom.Server.Features.Repos.Commits;

/// <summary>
/// The hub's write API: <c>POST /api/{type}s/{ns}/{name}/preupload/{rev}</c> and <c>…/commit/{rev}</c>. A
/// commit is a real git commit on the branch; its new files pass the push-protection gate first, and the
/// branch moves by compare-and-swap, so concurrent writers never lose a commit.
/// </summary>
public static class RepoCommitEndpoints
{
    private const int Attempts = 5;

    public static void MapRepoCommitEndpoints(this IEndpointRouteBuilder routes)
    {
        var repos = routes.MapGroup("/api/{types:repotypes}/{ns}/{name}").WithTags("Repository content");
        repos.MapPost("/preupload/{rev}", PreuploadAsync).Produces<PreuploadResponse>().Produces<ApiError>(400).Produces<ApiError>(413);
        repos.MapPost("/commit/{rev}", CommitAsync).Accepts<string>("application/x-ndjson")
            .Produces<CommitResponse>().Produces<ApiError>(400).Produces<ApiError>(404).Produces<ApiError>(412).Produces<ApiError>(413).Produces<ApiError>(422);
    }

    private static async Task<IResult> PreuploadAsync(string types, string ns, string name, string rev, PreuploadRequest request, HttpContext context,
        AccessGuard guard, IOptions<RepoOptions> options)
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
                return ApiError.Result(StatusCodes.Status413PayloadTooLarge, "file_too_large",
                    $"'{file.Path}' is {file.Size} bytes: files are at most {options.Value.MaxFileBytes} bytes here (regular files only, there is no LFS)");
            }

            answers.Add(new PreuploadAnswer(file.Path!, "regular", false));
        }

        return Results.Ok(new PreuploadResponse(answers));
    }

    private static async Task<IResult> CommitAsync(string types, string ns, string name, string rev, HttpContext context, AccessGuard guard,
        GitRepositoryStore gitStore, BranchWriteLocks locks, PushGate gate, StrongroomDb db, IAuditLog audit, IOptions<RepoOptions> options, TimeProvider time)
    {
        var type = RepoTypes.ParsePlural(types);
        var (repo, denial) = await RepoEndpoints.AuthorizedAsync(type, ns, name, Permissions.RepoWrite, context, guard).ConfigureAwait(false);
        if (repo is null)
        {
            return AccessGuard.Deny(denial!);
        }

        var branch = Uri.UnescapeDataString(rev);
        if (!BranchName.IsValid(branch))
        {
            return ApiError.BadRequest("invalid_revision", "The revision must be a branch name git accepts");
        }

        if (context.Request.Query.ContainsKey("create_pr"))
        {
            return ApiError.BadRequest("pull_requests_unsupported", "This hub does not have pull requests: commit to a branch");
        }

        var bypass = context.Request.Query[BypassReasons.Name].ToString();
        if (bypass.Length > 0 && !BypassReasons.IsValid(bypass))
        {
            return ApiError.BadRequest("invalid_bypass_reason", $"{BypassReasons.Name} must be one of {string.Join(", ", BypassReasons.All)}");
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

        var findings = new List<Finding>();
        if (options.Value.PushProtection)
        {
            foreach (var change in request.Changes.Where(c => c.Kind == FileChangeKind.Add))
            {
                using var content = MemoryMarshal.TryGetArray(change.Content, out var segment)
                    ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                    : new MemoryStream(change.Content.ToArray(), writable: false);
                gate.Scan(content, change.Path, findings);
            }
        }

        var decision = await gate.DecideAsync(context, repo, findings, bypass.Length > 0 ? bypass : null, context.RequestAborted).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return ApiError.Result(StatusCodes.Status422UnprocessableEntity, "push_protection", decision.Text);
        }

        var now = time.GetUtcNow();
        var git = await gitStore.EnsureAsync(repo, now, CancellationToken.None).ConfigureAwait(false);
        var caller = context.GetCaller();
        var author = caller.User is { } user ? new CommitAuthor(user.Name, user.Email) : new CommitAuthor(repo.FullName, "noreply@strongroom.invalid");
        var message = string.IsNullOrWhiteSpace(request.Description) ? request.Summary : request.Summary + "\n\n" + request.Description;
        if (string.IsNullOrWhiteSpace(message))
        {
            message = "Update files";
        }

        using var writing = await locks.AcquireAsync(git.Path, context.RequestAborted).ConfigureAwait(false);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            string? head;
            using (var content = GitContent.Open(git))
            {
                head = content.BranchHead(branch);
                if (head is null)
                {
                    return ApiError.RevisionNotFound(branch);
                }

                if (request.ParentCommit is not null && request.ParentCommit != head)
                {
                    return ParentMoved();
                }

                if (MissingDeletion(content, head, request.Changes) is { } missing)
                {
                    return ApiError.EntryNotFound($"'{missing}' does not exist on {branch}: nothing to delete");
                }
            }

            // Not the request's token: once git has started writing, a client hanging up must not leave it half done.
            var written = await GitCommitWriter.WriteAsync(git, head, request.Changes, author, message, now, CancellationToken.None).ConfigureAwait(false);
            if (await GitCommitWriter.UpdateBranchAsync(git, branch, written.Sha, head, written.PendingRef, CancellationToken.None).ConfigureAwait(false))
            {
                await db.Repositories.Where(r => r.Id == repo.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, now), CancellationToken.None).ConfigureAwait(false);
                await audit.WriteAsync(RepoAuditEvents.For(context, "repo.commit", repo, new Dictionary<string, string> { ["branch"] = branch, ["commit"] = written.Sha }),
                    CancellationToken.None).ConfigureAwait(false);
                var prefix = type switch { RepoType.Dataset => "datasets/", RepoType.Space => "spaces/", _ => "" };
                var url = $"{context.Request.Scheme}://{context.Request.Host}/{prefix}{repo.FullName}/commit/{written.Sha}";
                return Results.Ok(new CommitResponse(true, written.Sha, url, decision.Text));
            }

            if (request.ParentCommit is not null)
            {
                return ParentMoved();
            }
        }

        return ApiError.Conflict("branch_busy", $"{branch} kept moving while this commit was written; send it again");
    }

    /// <summary>The first deletion that names nothing at <paramref name="head"/>, if any.</summary>
    private static string? MissingDeletion(GitContent content, string head, IReadOnlyList<FileChange> changes) =>
        changes.FirstOrDefault(c => c.Kind switch
        {
            FileChangeKind.DeleteFile => content.KindOf(head, c.Path) != TreeEntryKind.File,
            FileChangeKind.DeleteFolder => content.KindOf(head, c.Path) != TreeEntryKind.Directory,
            _ => false,
        })?.Path;

    private static IResult ParentMoved() =>
        ApiError.Result(StatusCodes.Status412PreconditionFailed, "parent_commit_moved", "The branch has moved since parentCommit: fetch it again and redo the commit on top of it");
}
