using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Data;
using Strongroom.Git.Http;
using Strongroom.Git.Push;
using Strongroom.Git.Storage;
using Strongroom.Scanning.Engine;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Repos.PushProtection;

namespace Strongroom.Server.Features.Repos.GitHttp;

/// <summary>
/// One <c>git push</c>: runs <c>git receive-pack</c>, whose pre-receive hook hands this class the ref updates
/// while the pushed objects are still in quarantine. Only branches and tags may move, the default branch
/// may not be deleted, and the blobs the push adds go through <see cref="PushGate"/> before any ref moves.
/// </summary>
public sealed class GitPushReceiver(
    GitHttpBackend backend, PushGate gate, StrongroomDb db, IAuditLog audit, AccessChanges changes, IOptions<RepoOptions> options, TimeProvider time,
    ILogger<GitPushReceiver> logger)
{
    public async Task ReceiveAsync(HttpContext context, Repository repo, GitRepo git, Stream body)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var channel = PushGateChannel.Create(backend.GatesPath);
        using var process = backend.StartService(git, GitHttpBackend.ReceivePack, protocol: null, channel.Environment);
        var verdict = DecideWhenAskedAsync(channel, context, repo, git);
        var exitCode = -1;
        try
        {
            exitCode = await GitServiceStream.RunAsync(process, body, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            // git ended, with or without asking: a decision still waiting for the hook's request gives up,
            // and none outlives the channel it answers through.
            channel.Abandon();
            await verdict.ConfigureAwait(false);
        }

        var (request, decision) = await verdict.ConfigureAwait(false);
        if (request is not null && decision?.Allowed == true)
        {
            await RecordAsync(context, repo, request, exitCode).ConfigureAwait(false);
        }
    }

    private async Task<(PushRequest? Request, PushDecision? Decision)> DecideWhenAskedAsync(PushGateChannel channel, HttpContext context, Repository repo, GitRepo git)
    {
        // The hook waits for an answer whatever happens here: a failure refuses the push rather than hang it.
        PushRequest? request = null;
        PushDecision decision;
        try
        {
            request = await Task.Run(() => channel.ReadRequestAsync(CancellationToken.None)).ConfigureAwait(false);
            if (request is null)
            {
                return (null, null);
            }

            decision = await DecideAsync(context, repo, git, request).ConfigureAwait(false);
            if (decision.Allowed)
            {
                // git moves the refs after this answer, outside the database: the intent commits first, and a
                // push that cannot be recorded does not happen.
                await audit.WriteAsync(PushEvent(context, repo, request, AuditOutcome.Started), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException)
            {
                logger.LogError(e, "Push protection or the push's audit event failed on {Repo}; the push is refused", repo.FullName);
            }

            decision = new PushDecision(false, ["Strongroom could not check or record this push; nothing was changed. Try again later."]);
        }

        try
        {
            await channel.AnswerAsync(new PushVerdict(decision.Allowed, decision.Messages), CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return (request, null);
        }

        return (request, decision);
    }

    private async Task<PushDecision> DecideAsync(HttpContext context, Repository repo, GitRepo git, PushRequest request)
    {
        foreach (var update in request.Updates)
        {
            if (!update.RefName.StartsWith("refs/heads/", StringComparison.Ordinal) && !update.RefName.StartsWith("refs/tags/", StringComparison.Ordinal))
            {
                return new PushDecision(false, [$"Push refused: {update.RefName} is not a branch (refs/heads/) or a tag (refs/tags/)."]);
            }

            if (update.IsDelete && update.RefName == "refs/heads/main")
            {
                return new PushDecision(false, ["Push refused: main is the repository's default branch and cannot be deleted."]);
            }
        }

        var bypass = request.Options.Select(o => o.Split('=', 2)).Where(o => o.Length == 2 && o[0] == BypassReasons.Name).Select(o => o[1]).LastOrDefault();
        if (bypass is not null && !BypassReasons.IsValid(bypass))
        {
            return new PushDecision(false, [$"Push refused: {BypassReasons.Name} must be one of {string.Join(", ", BypassReasons.All)}."]);
        }

        if (!options.Value.PushProtection)
        {
            return new PushDecision(true, []);
        }

        var started = time.GetTimestamp();
        var (findings, blobs, bytes) = await ScanAsync(git, request, context.RequestAborted).ConfigureAwait(false);
        var scanned = time.GetElapsedTime(started);
        var decision = await gate.DecideAsync(context, repo, findings, bypass, CancellationToken.None).ConfigureAwait(false);
        logger.LogInformation("Push protection read {Blobs} new blobs ({Bytes} bytes) of {Repo} in {ScanMs} ms and decided in {DecideMs} ms: {Findings} findings, {Verdict}",
            blobs, bytes, repo.FullName, (int)scanned.TotalMilliseconds, (int)(time.GetElapsedTime(started) - scanned).TotalMilliseconds,
            findings.Count, decision.Allowed ? "allowed" : "refused");
        return decision;
    }

    // The pushed blobs' findings. Read from the pack, blobs are known by id until a finding needs its path:
    // the first finding starts one listing of the pushed history, which runs while the scan goes on.
    private async Task<(List<Finding> Findings, int Blobs, long Bytes)> ScanAsync(GitRepo git, PushRequest request, CancellationToken cancellationToken)
    {
        var tips = request.Updates.Where(u => !u.IsDelete).Select(u => u.NewSha).ToList();
        var paths = new PushedPaths(git, request.QuarantinePath, tips);
        var packed = new List<Finding>();
        var walked = new List<Finding>();
        bool ScanPacked(string id, ReadOnlySpan<byte> content, ReadOnlySpan<(int Start, int End)> changes, bool whole)
        {
            var text = gate.ScanChanged(content, changes, whole, id, packed);
            lock (packed)
            {
                if (packed.Count > 0)
                {
                    paths.Start(cancellationToken);
                }
            }

            return text;
        }

        var (blobs, bytes, fromPack) = await PushedBlobs.ForEachAsync(git, request.QuarantinePath, tips, gate.ReadsPaths ? null : ScanPacked,
            (blob, content) => gate.Scan(content, blob.Path, walked), Environment.ProcessorCount, cancellationToken).ConfigureAwait(false);
        if (!fromPack || packed.Count == 0)
        {
            return (walked, blobs, bytes);
        }

        var named = await paths.GetAsync(cancellationToken).ConfigureAwait(false);
        return ([.. packed.Select(f => f with { Path = named.GetValueOrDefault(f.Path) ?? $"(object {f.Path}, used by no pushed commit)" })], blobs, bytes);
    }

    /// <summary>After git ended: the push's outcome (git refuses a ref whose old value moved meanwhile, for one).</summary>
    private async Task RecordAsync(HttpContext context, Repository repo, PushRequest request, int exitCode)
    {
        var now = time.GetUtcNow();
        if (exitCode == 0)
        {
            await db.Repositories.Where(r => r.Id == repo.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, now), CancellationToken.None).ConfigureAwait(false);
        }

        changes.ResourcesChanged(); // the cached repository's last-modified time
        await audit.WriteAsync(PushEvent(context, repo, request, exitCode == 0 ? AuditOutcome.Success : AuditOutcome.Failure), CancellationToken.None).ConfigureAwait(false);
    }

    private static AuditEvent PushEvent(HttpContext context, Repository repo, PushRequest request, string outcome) =>
        RepoAuditEvents.For(context, "repo.push", repo,
            new Dictionary<string, string> { ["refs"] = string.Join(' ', request.Updates.Take(50).Select(u => $"{u.RefName}:{u.NewSha[..12]}")) }, outcome);
}
