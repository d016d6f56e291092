using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Data;
using Strongroom.Core.Hub;
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
    NotificationDelivery notifications, PublicContentSignal publicContent, IOptions<LeaksOptions> options, TimeProvider time, ILogger<LeakSweep> logger) : BackgroundService
{
    /// <summary>Packs above this are read by one git process per core.</summary>
    private const long LargeRepositoryBytes = 32L * 1024 * 1024;

    private readonly SemaphoreSlim _running = new(1, 1);
    /// <summary>The last pass on this node, for <c>GET /api/admin/leaks/sweep</c>.</summary>
    public SweepPass? LastPass { get; private set; }

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

            await publicContent.Signal.WaitAsync(options.Value.SweepInterval, time, stoppingToken).ConfigureAwait(false);
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
        var states = await db.RepoSweeps.AsNoTracking().ToDictionaryAsync(s => s.RepoId, cancellationToken).ConfigureAwait(false);
        var totals = new SweepTotals();

        // Two repositories at a time: most are small, and starting git's processes for one overlaps the other's scan.
        await Parallel.ForEachAsync(repos, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (repo, token) =>
        {
            if (store.Find(repo) is not { } git)
            {
                return;
            }

            var tips = RepoRefs.Tips(git);
            var state = states.GetValueOrDefault(repo.Id);
            var swept = state is not null && state.RuleSetVersion == version ? state.Tips.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            if (tips.All(swept.Contains))
            {
                return;
            }

            await SweepRepositoryAsync(repo, git, tips, swept, version, totals, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        if (totals.Revoked + totals.Alerts > 0)
        {
            notifications.Wake();
        }

        return new SweepPass(started, time.GetUtcNow(), version, repos.Count, totals.Repositories, totals.Blobs, totals.Bytes, totals.Revoked, totals.Alerts, RanOnThisNode: true);
    }

    private async Task SweepRepositoryAsync(Repository repo, GitRepo git, IReadOnlyList<string> tips, string[] swept, string version, SweepTotals totals,
        CancellationToken cancellationToken)
    {
        var findings = new List<SweepFinding>();
        var readers = RepoRefs.PackedBytes(git) < LargeRepositoryBytes ? 1 : Environment.ProcessorCount;
        var (blobs, bytes) = await BlobWalk.ForEachAsync(git, tips, swept, null, (blob, content) =>
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
        }, Environment.ProcessorCount, readers, cancellationToken).ConfigureAwait(false);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var (revoked, alerts) = await scope.ServiceProvider.GetRequiredService<SweepResponse>().HandleAsync(repo, git, tips, findings, cancellationToken).ConfigureAwait(false);

        // Saved per repository: a crash resumes with the next one, and redoing this one changes nothing.
        var state = await db.RepoSweeps.FindAsync([repo.Id], cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            state = new RepoSweepState { RepoId = repo.Id, RuleSetVersion = version, Tips = "" };
            db.RepoSweeps.Add(state);
        }

        state.RuleSetVersion = version;
        state.Tips = string.Join(' ', tips);
        state.SweptAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        totals.Add(blobs, bytes, revoked, alerts);
    }

    /// <summary>Thread-safe sums of one pass.</summary>
    private sealed class SweepTotals
    {
        private readonly Lock _lock = new();

        public int Repositories { get; private set; }
        public int Blobs { get; private set; }
        public long Bytes { get; private set; }
        public int Revoked { get; private set; }
        public int Alerts { get; private set; }

        public void Add(int blobs, long bytes, int revoked, int alerts)
        {
            lock (_lock)
            {
                Repositories++;
                Blobs += blobs;
                Bytes += bytes;
                Revoked += revoked;
                Alerts += alerts;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Leak sweep scanned {Repositories} repositories ({Blobs} new blobs, {Bytes} bytes): {Revoked} tokens revoked, {Alerts} leak alerts")]
    private partial void LogPass(int repositories, int blobs, long bytes, int revoked, int alerts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The leak sweep failed; it runs again at the next interval")]
    private partial void LogPassFailed(Exception exception);
}
