using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Data;
using Strongroom.Data.Leaks;
using Strongroom.Git.History;
using Strongroom.Git.Storage;
using Strongroom.Scanning.Engine;
using Strongroom.Server.Features.Notifications;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Leaks.Sweeps;

/// <summary>
/// Sweeps the hub's public content: every public repository's branches, tags and their history, scanned
/// with the rules push protection uses, on a schedule (<c>Leaks:SweepInterval</c>), at once when a
/// repository becomes public, and in full when the rule set changes. Incremental: each repository
/// remembers the tips it swept (<see cref="RepoSweepState"/>), so an unchanged hub costs one
/// <c>for-each-ref</c> per repository; resumable, as that state is saved repository by repository; on
/// PostgreSQL one node sweeps at a time.
/// </summary>
public sealed partial class LeakSweep(IServiceScopeFactory scopes, GitRepositoryStore store, ScanEngine engine, RuleSetVersion ruleSet,
    NotificationDelivery notifications, IOptions<LeaksOptions> options, TimeProvider time, ILogger<LeakSweep> logger) : BackgroundService
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly WakeSignal _wake = new();

    /// <summary>The last pass on this node, for <c>GET /api/admin/leaks/sweep</c>.</summary>
    public SweepPass? LastPass { get; private set; }

    /// <summary>Asks for a pass now (a repository became public).</summary>
    public void Wake() => _wake.Wake();

    /// <summary>Runs one pass now and returns what it did (one pass at a time on this node).</summary>
    public async Task<SweepPass> RunAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            LastPass = await PassAsync(cancellationToken).ConfigureAwait(false);
            return LastPass;
        }
        finally
        {
            _running.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pass = await RunAsync(stoppingToken).ConfigureAwait(false);
                if (pass.Blobs > 0)
                {
                    LogPass(pass.RepositoriesScanned, pass.Blobs, pass.Bytes, pass.TokensRevoked, pass.AlertsCreated);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(ex);
            }

            await _wake.WaitAsync(options.Value.SweepInterval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<SweepPass> PassAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var version = ruleSet.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        await using var fleet = await FleetLock.TryAcquireAsync(db, FleetLock.LeakSweep, cancellationToken).ConfigureAwait(false);
        if (fleet is null)
        {
            return new SweepPass(started, time.GetUtcNow(), version, 0, 0, 0, 0, 0, 0, RanOnThisNode: false);
        }

        var repos = await db.Repositories.AsNoTracking().Where(r => !r.Private).OrderBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var states = await db.RepoSweeps.ToDictionaryAsync(s => s.RepoId, cancellationToken).ConfigureAwait(false);
        var response = scope.ServiceProvider.GetRequiredService<SweepResponse>();
        int scanned = 0, blobs = 0, revoked = 0, alerts = 0;
        long bytes = 0;
        foreach (var repo in repos)
        {
            if (store.Find(repo) is not { } git)
            {
                continue;
            }

            var tips = await RepoRefs.TipsAsync(git, cancellationToken).ConfigureAwait(false);
            var state = states.GetValueOrDefault(repo.Id);
            var swept = state is not null && state.RuleSetVersion == version ? state.Tips.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            if (tips.All(swept.Contains))
            {
                continue;
            }

            var findings = new List<SweepFinding>();
            var (repoBlobs, repoBytes) = await BlobWalk.ForEachAsync(git, tips, swept, null, (blob, content) =>
            {
                var found = new List<Finding>();
                engine.Scan(content, blob.Path, found);
                if (found.Count > 0)
                {
                    lock (findings)
                    {
                        findings.AddRange(found.Select(f => new SweepFinding(f, blob.Oid)));
                    }
                }
            }, Environment.ProcessorCount, cancellationToken).ConfigureAwait(false);
            var (repoRevoked, repoAlerts) = await response.HandleAsync(repo, git, tips, findings, cancellationToken).ConfigureAwait(false);

            // Saved per repository: a crash resumes with the next one, and redoing this one changes nothing.
            if (state is null)
            {
                state = new RepoSweepState { RepoId = repo.Id, RuleSetVersion = version, Tips = "" };
                db.RepoSweeps.Add(state);
            }

            state.RuleSetVersion = version;
            state.Tips = string.Join(' ', tips);
            state.SweptAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            scanned++;
            blobs += repoBlobs;
            bytes += repoBytes;
            revoked += repoRevoked;
            alerts += repoAlerts;
        }

        if (revoked + alerts > 0)
        {
            notifications.Wake();
        }

        return new SweepPass(started, time.GetUtcNow(), version, repos.Count, scanned, blobs, bytes, revoked, alerts, RanOnThisNode: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leak sweep scanned {Repositories} repositories ({Blobs} new blobs, {Bytes} bytes): {Revoked} tokens revoked, {Alerts} leak alerts")]
    private partial void LogPass(int repositories, int blobs, long bytes, int revoked, int alerts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The leak sweep failed; it runs again at the next interval")]
    private partial void LogPassFailed(Exception exception);
}
