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
/// One database with the chain on and one with it off, each with its services (the node's appender and
/// sealer) kept for the whole benchmark, warmed up by an uncounted round twice as long as the others, then
/// given the same runs in turn, on first in odd rounds and off first in even ones: services built for each
/// run spent it in the JIT, as the request benchmark's servers did.
/// </summary>
internal static class Appends
{
    /// <summary>One side of the comparison: its database and, for the chain off, its batching writer.</summary>
    private sealed record Side(bool Chain, BenchDatabase Database, UnchainedAppender Unchained);

    public static async Task RunAsync(string provider, string? postgres, AppendRun run, string[] kinds)
    {
        var setting = provider == "sqlite" ? $" (synchronous={run.Synchronous})" : "";
        Console.WriteLine($"appends: {provider}{setting}, {run.Workers} concurrent requests, {run.Seconds} s per run, {run.Rounds} rounds");
        var sides = new List<Side>();
        var ratios = new Ratios();
        try
        {
            foreach (var chain in new[] { true, false })
            {
                var database = await BenchDatabase.CreateAsync(provider, postgres, run.Synchronous);
                sides.Add(new Side(chain, database, new UnchainedAppender(database.Services.GetRequiredService<IServiceScopeFactory>())));
            }

            for (var round = 0; round <= run.Rounds; round++)
            {
                var timed = run with { Seconds = Rounds.Seconds(round, run.Seconds) };
                foreach (var kind in kinds)
                {
                    foreach (var side in Rounds.InTurn(sides, round))
                    {
                        var cpu = CpuMeter.Now();
                        var (appended, report) = kind == "alone" ? await AloneAsync(side, timed) : await WithChangeAsync(side.Database, side.Chain, timed);
                        cpu = CpuMeter.Now() - cpu;
                        var rate = appended / (double)timed.Seconds;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{Rounds.Name(round)} {kind,-6} chain {(side.Chain ? "on " : "off")}: {rate,10:N0} appends/s; {report}; {cpu.PerRequest(appended)}"));
                        ratios.Add(kind, round, side.Chain, rate);
                    }
                }
            }

            ratios.Print();
        }
        finally
        {
            foreach (var side in sides)
            {
                await side.Database.DisposeAsync();
            }
        }
    }

    private static async Task<(long Appended, string Report)> AloneAsync(Side side, AppendRun run)
    {
        var appender = side.Database.Services.GetRequiredService<AuditAppender>();
        (long Batches, TimeSpan Busy) Writer() => side.Chain ? (appender.Batches, appender.Busy) : (side.Unchained.Queue.Batches, side.Unchained.Queue.Busy);
        var before = Writer();
        var appended = await WorkAsync(side.Database, run, null, async (scope, worker) =>
        {
            var log = side.Chain
                ? scope.ServiceProvider.GetRequiredService<IAuditLog>()
                : new UnchainedAuditLog(scope.ServiceProvider.GetRequiredService<StrongroomDb>(), TimeProvider.System, side.Unchained);
            await log.WriteAsync(Event(worker), CancellationToken.None);
        });
        var after = Writer();
        var (batches, busy) = (after.Batches - before.Batches, after.Busy - before.Busy);
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
