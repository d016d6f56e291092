using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Audit.Benchmarks;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;

// dotnet run -c Release --project bench/Strongroom.Audit.Benchmarks -- appends --provider sqlite|postgres [--postgres CONN] [--seconds 10] [--workers 32]
//     [--rounds 2] [--synchronous full|normal]
// dotnet run -c Release --project bench/Strongroom.Audit.Benchmarks -- requests --provider sqlite|postgres [--postgres CONN] [--seconds 10]
//     [--connections 64] [--rounds 2] [--synchronous full|normal]   (needs wrk)
// dotnet run -c Release --project bench/Strongroom.Audit.Benchmarks -- verify --provider sqlite|postgres [--postgres CONN] [--events 1000000]
var options = Arguments.Parse(args);
var provider = options.GetValueOrDefault("provider", "sqlite");
var postgres = options.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("STRONGROOM_TEST_POSTGRES");
switch (args.FirstOrDefault())
{
    case "appends":
        var synchronous = Enum.Parse<SqliteSynchronous>(options.GetValueOrDefault("synchronous", "full"), ignoreCase: true);
        await Appends.RunAsync(provider, postgres, Arguments.Int(options, "seconds", 10), Arguments.Int(options, "workers", 32), Arguments.Int(options, "rounds", 2), synchronous);
        break;
    case "requests":
        await Requests.RunAsync(provider, postgres, Arguments.Int(options, "seconds", 10), Arguments.Int(options, "connections", 64), Arguments.Int(options, "rounds", 2),
            Enum.Parse<SqliteSynchronous>(options.GetValueOrDefault("synchronous", "full"), ignoreCase: true));
        break;
    case "verify":
        await Verification.RunAsync(provider, postgres, Arguments.Int(options, "events", 1_000_000));
        break;
    default:
        Console.Error.WriteLine("usage: appends|requests|verify --provider sqlite|postgres [--postgres CONN] [--seconds N --workers N --rounds N] [--events N]");
        return 2;
}

return 0;

/// <summary>
/// Sustained appends per second: <c>workers</c> concurrent requests, each one scope (a pooled context) that
/// adds one event and commits it, as an action's save does. Chain on: the event carries its MAC and the
/// sealer runs beside the requests, as the server's seal job does; chain off: the same row without a MAC and
/// nothing sealing. Each run on a fresh database, on and off alternating.
/// </summary>
internal static class Appends
{
    public static async Task RunAsync(string provider, string? postgres, int seconds, int workers, int rounds, SqliteSynchronous synchronous)
    {
        var setting = provider == "sqlite" ? $" (synchronous={synchronous})" : "";
        Console.WriteLine($"appends: {provider}{setting}, {workers} concurrent requests, {seconds} s per run, {rounds} rounds");
        // Round 0 warms up (the first run in a process pays for compiling EF Core's paths) and is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var chain in new[] { true, false })
            {
                await using var database = await BenchDatabase.CreateAsync(provider, postgres, synchronous);
                var (appended, sealedInWindow, catchUp) = await MeasureAsync(database, chain, seconds, workers);
                var sealing = chain ? string.Create(CultureInfo.InvariantCulture,
                    $"; {sealedInWindow:N0} of {appended:N0} sealed during the run, the rest {catchUp.TotalMilliseconds:N0} ms after it") : "";
                var name = round == 0 ? "warm-up" : "round " + round.ToString(CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} chain {(chain ? "on " : "off")}: {appended / (double)seconds,10:N0} appends/s{sealing}"));
            }
        }
    }

    private static async Task<(long Appended, long SealedInWindow, TimeSpan CatchUp)> MeasureAsync(BenchDatabase database, bool chain, int seconds, int workers)
    {
        long count = 0;
        long sealedInWindow = 0;
        var sealer = database.Services.GetRequiredService<AuditSealer>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        // As the server does on SQLite: the write-ahead log checkpointed on a thread of its own.
        var checkpointing = database.Services.GetService<SqliteWalCheckpointer>()?.Start(stop.Token) ?? Task.CompletedTask;
        var sealing = chain ? Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                sealedInWindow += await sealer.SealPendingAsync(CancellationToken.None);
                await sealer.WaitForWorkAsync(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
            }
        }) : Task.CompletedTask;
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = database.Scope();
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
                Interlocked.Increment(ref count);
            }
        }));
        await Task.WhenAll(tasks);
        await sealing;
        await checkpointing;
        var catchUp = Stopwatch.StartNew();
        if (chain && sealedInWindow + await sealer.SealPendingAsync(CancellationToken.None) != count)
        {
            throw new InvalidOperationException("The sealer did not chain every event appended.");
        }

        return (count, sealedInWindow, catchUp.Elapsed);
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
    private static AuditRecord Unsealed(AuditEvent e) => AuditRecordMapping.ToRecord(e, DateTimeOffset.UtcNow);
}

/// <summary>Verification time of a chain of <c>events</c>: from the database (what verify does, MACs included) and in memory alone.</summary>
internal static class Verification
{
    public static async Task RunAsync(string provider, string? postgres, int events)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, postgres);
        var fill = Stopwatch.StartNew();
        var sealer = database.Services.GetRequiredService<AuditSealer>();
        for (var written = 0; written < events; written += 1000)
        {
            await using var scope = database.Scope();
            var batch = Enumerable.Range(written, Math.Min(1000, events - written)).Select(Appends.Event).ToList();
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(batch, CancellationToken.None);
            await sealer.SealPendingAsync(CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify: {provider}, {events:N0} events written and sealed in batches of 1000 in {fill.Elapsed.TotalSeconds:N1} s"));
        var fromDatabase = Stopwatch.StartNew();
        AuditVerifyResult result;
        using var key = System.Security.Cryptography.ECDsa.Create();
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<AuditChainStore>();
            result = await store.VerifyAsync(key, database.Services.GetRequiredService<AuditEventMac>(), CancellationToken.None);
        }

        fromDatabase.Stop();
        var entries = new List<AuditEntry>(events);
        await using (var scope = database.Scope())
        {
            await foreach (var entry in scope.ServiceProvider.GetRequiredService<AuditChainStore>().EntriesAsync(CancellationToken.None))
            {
                entries.Add(entry);
            }
        }

        var inMemory = Stopwatch.StartNew();
        var again = new AuditChainVerifier([], null);
        entries.ForEach(again.Add);
        var memoryResult = again.Complete();
        inMemory.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify from the database: {fromDatabase.Elapsed.TotalSeconds:N2} s (ok {result.Ok}, {result.Events:N0} events); "
                + $"the same events already in memory: {inMemory.Elapsed.TotalSeconds:N2} s (ok {memoryResult.Ok})"));
    }
}

internal static class Arguments
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    public static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
