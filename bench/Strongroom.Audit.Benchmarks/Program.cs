using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Audit.Benchmarks;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;

// dotnet run -c Release --project bench/Strongroom.Audit.Benchmarks -- appends --provider sqlite|postgres [--postgres CONN] [--seconds 10] [--workers 32]
//     [--rounds 2] [--synchronous full|normal] [--kind alone|change|both]
// dotnet run -c Release --project bench/Strongroom.Audit.Benchmarks -- requests --provider sqlite|postgres [--postgres CONN] [--seconds 10]
//     [--connections 64] [--rounds 2] [--synchronous full|normal] [--chain on|off|both] [--requests deny|secret|both]   (needs wrk)
// dotnet run -c Release --project bench/Strongroom.Audit.Benchmarks -- verify --provider sqlite|postgres [--postgres CONN] [--events 1000000]
var options = Arguments.Parse(args);
var provider = options.GetValueOrDefault("provider", "sqlite");
var postgres = options.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("STRONGROOM_TEST_POSTGRES");
switch (args.FirstOrDefault())
{
    case "appends":
        var synchronous = Enum.Parse<SqliteSynchronous>(options.GetValueOrDefault("synchronous", "full"), ignoreCase: true);
        var kinds = options.GetValueOrDefault("kind", "both") is "both" ? new[] { "alone", "change" } : [options["kind"]];
        var run = new AppendRun(Arguments.Int(options, "seconds", 10), Arguments.Int(options, "workers", 32), Arguments.Int(options, "rounds", 2), synchronous);
        await Appends.RunAsync(provider, postgres, run, kinds);
        break;
    case "requests":
        var chains = options.GetValueOrDefault("chain", "both") switch { "on" => new[] { true }, "off" => [false], _ => [true, false] };
        var requests = options.GetValueOrDefault("requests", "both") switch { "deny" => new[] { "authz.deny" }, "secret" => ["secret write"], _ => ["authz.deny", "secret write"] };
        await Requests.RunAsync(provider, postgres, new RequestRun(Arguments.Int(options, "seconds", 10), Arguments.Int(options, "connections", 64),
            Arguments.Int(options, "rounds", 2), Enum.Parse<SqliteSynchronous>(options.GetValueOrDefault("synchronous", "full"), ignoreCase: true), chains, requests));
        break;
    case "verify":
        await Verification.RunAsync(provider, postgres, Arguments.Int(options, "events", 1_000_000));
        break;
    default:
        Console.Error.WriteLine("usage: appends|requests|verify --provider sqlite|postgres [--postgres CONN] [--seconds N --workers N --rounds N] [--events N]");
        return 2;
}

return 0;

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
