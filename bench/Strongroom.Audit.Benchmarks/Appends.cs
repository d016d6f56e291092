using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;

namespace Strongroom.Audit.Benchmarks;

internal sealed record AppendRun(int Seconds, int Workers, int Rounds, SqliteSynchronous Synchronous);

/// <summary>
/// Sustained appends per second: <c>workers</c> concurrent requests, each one scope (a pooled context) that
/// appends one event, in one of the two ways the server does:
/// <list type="bullet">
/// <item><c>alone</c>: an event that records no change of its own (a denial, a login, a secret opened):
/// <see cref="IAuditLog.WriteAsync(AuditEvent, CancellationToken)"/>. Chain on: the node's
/// <see cref="AuditAppender"/> chains concurrent callers' events in shared transactions. Chain off: the same
/// rows, without MAC or chain, batched and written the same way (<see cref="UnchainedAuditLog"/>), so the ratio is the chain's own cost.</item>
/// <item><c>change</c>: an event staged with a change and committed by the caller's save. Chain on: with its
/// MAC, and the sealer runs beside the requests, as the server's seal job does. Chain off: the row without MAC, nothing sealing.</item>
/// </list>
/// Each run on a fresh database, on and off alternating.
/// </summary>
internal static class Appends
{
    public static async Task RunAsync(string provider, string? postgres, AppendRun run, string[] kinds)
    {
        var setting = provider == "sqlite" ? $" (synchronous={run.Synchronous})" : "";
        Console.WriteLine($"appends: {provider}{setting}, {run.Workers} concurrent requests, {run.Seconds} s per run, {run.Rounds} rounds");
        // Round 0 warms up (the first run in a process pays for compiling EF Core's paths) and is not counted.
        for (var round = 0; round <= run.Rounds; round++)
        {
            foreach (var kind in kinds)
            {
                foreach (var chain in new[] { true, false })
                {
                    await using var database = await BenchDatabase.CreateAsync(provider, postgres, run.Synchronous);
                    var (appended, report) = kind == "alone"
                        ? await AloneAsync(database, chain, run)
                        : await WithChangeAsync(database, chain, run);
                    var name = round == 0 ? "warm-up" : "round " + round.ToString(CultureInfo.InvariantCulture);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name} {kind,-6} chain {(chain ? "on " : "off")}: {appended / (double)run.Seconds,10:N0} appends/s; {report}"));
                }
            }
        }
    }

    private static async Task<(long Appended, string Report)> AloneAsync(BenchDatabase database, bool chain, AppendRun run)
    {
        var unchained = new UnchainedAppender(database.Services.GetRequiredService<IServiceScopeFactory>());
        var appended = await WorkAsync(database, run, null, async (scope, worker) =>
        {
            var log = chain
                ? scope.ServiceProvider.GetRequiredService<IAuditLog>()
                : new UnchainedAuditLog(scope.ServiceProvider.GetRequiredService<StrongroomDb>(), TimeProvider.System, unchained);
            await log.WriteAsync(Event(worker), CancellationToken.None);
        });
        var (batches, busy) = chain
            ? (database.Services.GetRequiredService<AuditAppender>().Batches, database.Services.GetRequiredService<AuditAppender>().Busy)
            : (unchained.Queue.Batches, unchained.Queue.Busy);
        return (appended, string.Create(CultureInfo.InvariantCulture,
            $"{batches:N0} transactions ({appended / (double)Math.Max(1, batches):N1} events each), the writer busy {busy.TotalSeconds / run.Seconds:P0} of the time"));
    }

    private static async Task<(long Appended, string Report)> WithChangeAsync(BenchDatabase database, bool chain, AppendRun run)
    {
        long sealedInWindow = 0;
        var sealer = database.Services.GetRequiredService<AuditSealer>();
        var appended = await WorkAsync(database, run, chain ? async stop =>
        {
            while (!stop.IsCancellationRequested)
            {
                sealedInWindow += await sealer.SealPendingAsync(CancellationToken.None);
                await sealer.WaitForWorkAsync(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
            }
        } : null, async (scope, worker) =>
        {
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            if (chain)
            {
                scope.ServiceProvider.GetRequiredService<IAuditLog>().Add(Event(worker));
            }
            else
            {
                db.AuditEvents.Add(Unsealed(Event(worker)));
            }

            await db.SaveChangesAsync(CancellationToken.None);
        });
        if (!chain)
        {
            return (appended, "one commit each");
        }

        var catchUp = Stopwatch.StartNew();
        if (sealedInWindow + await sealer.SealPendingAsync(CancellationToken.None) != appended)
        {
            throw new InvalidOperationException("The sealer did not chain every event appended.");
        }

        return (appended, string.Create(CultureInfo.InvariantCulture,
            $"{sealedInWindow:N0} of {appended:N0} sealed during the run, the rest {catchUp.Elapsed.TotalMilliseconds:N0} ms after it"));
    }

    /// <summary>
    /// Runs <paramref name="append"/> in a loop on each worker (a scope each time) for the run's length, with
    /// <paramref name="beside"/> alongside; returns the appends.
    /// </summary>
    private static async Task<long> WorkAsync(BenchDatabase database, AppendRun run, Func<CancellationToken, Task>? beside, Func<AsyncServiceScope, int, Task> append)
    {
        long count = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(run.Seconds));
        // As the server does on SQLite: the write-ahead log checkpointed on a thread of its own.
        var checkpointing = database.Services.GetService<SqliteWalCheckpointer>()?.Start(stop.Token) ?? Task.CompletedTask;
        var alongside = beside is null ? Task.CompletedTask : Task.Run(() => beside(stop.Token));
        await Task.WhenAll(Enumerable.Range(0, run.Workers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = database.Scope();
                await append(scope, worker);
                Interlocked.Increment(ref count);
            }
        })));
        await alongside;
        await checkpointing;
        return count;
    }

    internal static AuditEvent Event(int worker) => new()
    {
        Action = "token.revoke",
        ActorUserId = "u" + worker.ToString(CultureInfo.InvariantCulture),
        TokenId = "t" + worker.ToString(CultureInfo.InvariantCulture),
        Ip = "203.0.113.7",
        UserAgent = "huggingface_hub/0.26; python/3.12",
        Target = "token:t" + worker.ToString(CultureInfo.InvariantCulture),
        Details = new Dictionary<string, string> { ["reason"] = "user" },
    };

    /// <summary>The row <see cref="EfAuditLog"/> writes, without its MAC.</summary>
    internal static AuditRecord Unsealed(AuditEvent e) => AuditRecordMapping.ToRecord(e, DateTimeOffset.UtcNow);
}
