using System.Diagnostics;
using System.Globalization;
using Strongroom.Audit.Benchmarks;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;

// dotnet run -c Release --project bench/Strongroom.Audit.Benchmarks -- appends --provider sqlite|postgres [--postgres CONN] [--seconds 10] [--workers 32] [--rounds 2]
// dotnet run -c Release --project bench/Strongroom.Audit.Benchmarks -- verify --provider sqlite|postgres [--postgres CONN] [--events 1000000]
var options = Arguments.Parse(args);
var provider = options.GetValueOrDefault("provider", "sqlite");
var postgres = options.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("STRONGROOM_TEST_POSTGRES");
switch (args.FirstOrDefault())
{
    case "appends":
        await Appends.RunAsync(provider, postgres, Arguments.Int(options, "seconds", 10), Arguments.Int(options, "workers", 32), Arguments.Int(options, "rounds", 2));
        break;
    case "verify":
        await Verification.RunAsync(provider, postgres, Arguments.Int(options, "events", 1_000_000));
        break;
    default:
        Console.Error.WriteLine("usage: appends|verify --provider sqlite|postgres [--postgres CONN] [--seconds N --workers N --rounds N] [--events N]");
        return 2;
}

return 0;

/// <summary>
/// Sustained appends per second: <c>workers</c> concurrent requests, each one scope (a new context) that
/// adds one event and commits it, as an action's save does; chain on and off alternate, each on a fresh database.
/// </summary>
internal static class Appends
{
    public static async Task RunAsync(string provider, string? postgres, int seconds, int workers, int rounds)
    {
        Console.WriteLine($"appends: {provider}, {workers} concurrent requests, {seconds} s per run, {rounds} rounds");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var chain in new[] { true, false })
            {
                await using var database = await BenchDatabase.CreateAsync(provider, postgres);
                var count = await MeasureAsync(database, chain, seconds, workers);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} chain {(chain ? "on " : "off")}: {count / (double)seconds,10:N0} appends/s"));
            }
        }
    }

    private static async Task<long> MeasureAsync(BenchDatabase database, bool chain, int seconds, int workers)
    {
        long count = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var db = database.Open();
                db.ChainAuditEvents = chain;
                await new EfAuditLog(db, TimeProvider.System).WriteAsync(Event(worker), CancellationToken.None);
                Interlocked.Increment(ref count);
            }
        }));
        await Task.WhenAll(tasks);
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
}

/// <summary>Verification time of a chain of <c>events</c>: from the database (what verify does) and in memory alone.</summary>
internal static class Verification
{
    public static async Task RunAsync(string provider, string? postgres, int events)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, postgres);
        var fill = Stopwatch.StartNew();
        for (var written = 0; written < events; written += 1000)
        {
            await using var db = database.Open();
            var batch = Enumerable.Range(written, Math.Min(1000, events - written)).Select(Appends.Event).ToList();
            await new EfAuditLog(db, TimeProvider.System).WriteAsync(batch, CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verify: {provider}, {events:N0} events written in batches of 1000 in {fill.Elapsed.TotalSeconds:N1} s"));
        var fromDatabase = Stopwatch.StartNew();
        AuditVerifyResult result;
        await using (var db = database.Open())
        {
            var verifier = new AuditChainVerifier([], null);
            await foreach (var entry in new AuditChainStore(db).EntriesAsync(CancellationToken.None))
            {
                verifier.Add(entry);
            }

            result = verifier.Complete(await new AuditChainStore(db).HeadSeqAsync(CancellationToken.None));
        }

        fromDatabase.Stop();
        var entries = new List<AuditEntry>(events);
        await using (var db = database.Open())
        {
            await foreach (var entry in new AuditChainStore(db).EntriesAsync(CancellationToken.None))
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
            $"verify from the database: {fromDatabase.Elapsed.TotalSeconds:N2} s (ok {result.Ok}, {result.Events:N0} events); the same events already in memory: {inMemory.Elapsed.TotalSeconds:N2} s (ok {memoryResult.Ok})"));
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
