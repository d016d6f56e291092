using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Authorization;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Data;
using Strongroom.Git.Content;
using Strongroom.Git.Storage;
using Strongroom.Git.Writing;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Repos.Commits;

/// <summary>
/// Writes a checked commit request onto a branch: queued behind this node's other writers of the repository,
/// on the branch's head (or refused when <c>parentCommit</c> is not the head), moved there by compare-and-swap
/// and redone on the new head when a push won the race, then recorded (last modified, audit).
/// </summary>
public sealed class BranchCommitter(GitRepositoryStore gitStore, BranchWriteLocks locks, StrongroomDb db, IAuditLog audit, AccessChanges changes, TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary>The new commit's id, or the error to answer with.</summary>
    public async Task<(string? Sha, Results<NotFoundError, PreconditionFailedError, ConflictError>? Error)> CommitAsync(
        HttpContext context, Repository repo, string branch, CommitRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var git = await gitStore.EnsureAsync(repo, now, CancellationToken.None).ConfigureAwait(false);
        var author = context.GetCaller().User is { } user ? new CommitAuthor(user.Name, user.Email) : new CommitAuthor(repo.FullName, "noreply@strongroom.invalid");
        var message = string.IsNullOrWhiteSpace(request.Description) ? request.Summary : request.Summary + "\n\n" + request.Description;
        using var writing = await locks.AcquireAsync(git.Path, context.RequestAborted).ConfigureAwait(false);
        string? started = null;
        Task FailedAsync() => audit.WriteAsync(CommitEvent(context, repo, branch, started, AuditOutcome.Failure), CancellationToken.None);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var (head, refused) = Head(git, branch, request);
            if (head is null)
            {
                if (started is not null)
                {
                    await FailedAsync().ConfigureAwait(false);
                }

                return (null, refused);
            }

            // Not the request's token: once git has started writing, a client hanging up must not leave it half done.
            var written = await GitCommitWriter.WriteAsync(git, head, request.Changes, author, string.IsNullOrWhiteSpace(message) ? "Update files" : message, now,
                CancellationToken.None).ConfigureAwait(false);
            if (started is null)
            {
                // The branch moves outside the database: the intent commits first, so a commit that cannot be recorded is not made.
                await audit.WriteAsync(CommitEvent(context, repo, branch, started = written.Sha, AuditOutcome.Started), CancellationToken.None).ConfigureAwait(false);
            }

            if (await GitCommitWriter.UpdateBranchAsync(git, branch, written.Sha, head, written.PendingRef, CancellationToken.None).ConfigureAwait(false))
            {
                await db.Repositories.Where(r => r.Id == repo.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, now), CancellationToken.None).ConfigureAwait(false);
                changes.ResourcesChanged(); // the cached repository's last-modified time
                await audit.WriteAsync(CommitEvent(context, repo, branch, written.Sha, AuditOutcome.Success), CancellationToken.None).ConfigureAwait(false);
                return (written.Sha, null);
            }

            if (request.ParentCommit is not null)
            {
                await FailedAsync().ConfigureAwait(false);
                return (null, ParentMoved());
            }
        }

        await FailedAsync().ConfigureAwait(false);
        return (null, ApiError.Conflict("branch_busy", $"{branch} kept moving while this commit was written; send it again"));
    }

    private static AuditEvent CommitEvent(HttpContext context, Repository repo, string branch, string? sha, string outcome) =>
        RepoAuditEvents.For(context, "repo.commit", repo, new Dictionary<string, string> { ["branch"] = branch, ["commit"] = sha ?? "" }, outcome);

    /// <summary>The branch's head to build on, or why not: no such branch, a stale parent, a deletion of nothing.</summary>
    private static (string? Head, Results<NotFoundError, PreconditionFailedError, ConflictError>? Refused) Head(GitRepo git, string branch, CommitRequest request)
    {
        using var content = GitContent.Open(git);
        var head = content.BranchHead(branch);
        if (head is null)
        {
            return (null, ApiError.RevisionNotFound(branch));
        }

        if (request.ParentCommit is not null && request.ParentCommit != head)
        {
            return (null, ParentMoved());
        }

        var missing = request.Changes.FirstOrDefault(c => c.Kind switch
        {
            FileChangeKind.DeleteFile => content.KindOf(head, c.Path) != TreeEntryKind.File,
            FileChangeKind.DeleteFolder => content.KindOf(head, c.Path) != TreeEntryKind.Directory,
            _ => false,
        });
        return missing is null ? (head, null) : (null, ApiError.EntryNotFound($"'{missing.Path}' does not exist on {branch}: nothing to delete"));
    }

    private static PreconditionFailedError ParentMoved() =>
        ApiError.PreconditionFailed("parent_commit_moved", "The branch has moved since parentCommit: fetch it again and redo the commit on top of it");
}
