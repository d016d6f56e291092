using System.Diagnostics;
using System.Globalization;
using Strongroom.Data;

namespace Strongroom.Audit.Benchmarks;

/// <summary>The request benchmark's settings; <see cref="Chains"/> and <see cref="Requests"/> narrow a run (to profile one side).</summary>
internal sealed record RequestRun(int Seconds, int Connections, int Rounds, SqliteSynchronous Synchronous, bool[] Chains, string[] Requests);

/// <summary>
/// The chain's cost on whole requests: the server in this process (<see cref="BenchHub"/>), one with the chain
/// on and one with it off, each on a fresh database, both started before the first run and warmed up by an
/// uncounted round, then given the same <c>wrk</c> runs in turn. Two audited requests: an authorization denial
/// (a token reading a private Space it may not see: the request does little but write its <c>authz.deny</c>
/// event, the chain's worst case) and a Space secret write (sealed by the KMS, written with its
/// <c>space.secret.write</c> event).
/// </summary>
/// <remarks>
/// A hub started for each run spent its 8 seconds compiling: each new server brings its own dynamic methods
/// (the container's, EF Core's, the endpoints'), and the JIT recompiled 400-1,100 methods a second all through
/// the run, a cost that fell on whichever side it was not yet done for. A server runs for days; the figures
/// are its steady state, and each line says how many methods the JIT compiled during it.
/// </remarks>
internal static class Requests
{
    private static readonly string[] OwnerPermissions = ["repo.write", "repo.content.read", "repo.secrets.write"];

    public static async Task RunAsync(string provider, string? postgres, RequestRun run)
    {
        var setting = provider == "sqlite" ? $" (synchronous={run.Synchronous})" : "";
        Console.WriteLine($"requests: {provider}{setting}, wrk -t2 -c{run.Connections} -d{run.Seconds}s, {run.Rounds} rounds, the servers in this process");
        var hubs = new List<(bool Chain, BenchHub Hub, (string Kind, string[] Arguments)[] Runs)>();
        var ratios = new Ratios();
        try
        {
            foreach (var chain in run.Chains)
            {
                var hub = await BenchHub.StartAsync(
                    provider == "sqlite" ? null : postgres ?? throw new ArgumentException("--postgres CONNECTION is needed"), run.Synchronous, chain);
                hubs.Add((chain, hub, []));
                var (denied, secrets) = await SetUpAsync(hub);
                hubs[^1] = (chain, hub, new[] { ("authz.deny", denied), ("secret write", secrets) }.Where(r => run.Requests.Contains(r.Item1)).ToArray());
            }

            for (var round = 0; round <= run.Rounds; round++)
            {
                foreach (var (chain, hub, runs) in Rounds.InTurn(hubs, round))
                {
                    foreach (var (kind, arguments) in runs)
                    {
                        var (rps, report) = await MeasureAsync(hub, kind, arguments, run, Rounds.Seconds(round, run.Seconds));
                        Console.WriteLine($"{Rounds.Name(round)} chain {(chain ? "on " : "off")} {kind,-13}: {report}");
                        ratios.Add(kind, round, chain, rps);
                    }
                }
            }

            ratios.Print();
        }
        finally
        {
            foreach (var (_, hub, _) in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    /// <summary>One wrk run against <paramref name="hub"/>, and what it did there.</summary>
    private static async Task<(double Rps, string Report)> MeasureAsync(BenchHub hub, string kind, string[] arguments, RequestRun run, int seconds)
    {
        var before = await hub.EventsAsync();
        var writer = hub.Writer();
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var cpu = CpuMeter.Now();
        var (rps, other) = await WrkAsync(seconds, run.Connections, arguments);
        cpu = CpuMeter.Now() - cpu;
        jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
        var events = (await hub.EventsAsync() - before) / (double)seconds;
        var (batches, busy) = hub.Writer();
        var answers = kind == "authz.deny"
            ? string.Create(CultureInfo.InvariantCulture,
                $"{events * seconds / Math.Max(1, batches - writer.Batches):N1} per transaction, writer busy {(busy - writer.Busy).TotalSeconds / seconds:P0}")
            : string.Create(CultureInfo.InvariantCulture, $"{other:N0} answers not 2xx");
        return (rps, string.Create(CultureInfo.InvariantCulture,
            $"{rps,8:N0} req/s, {events,8:N0} audit events/s, {answers}, {cpu.PerRequest(rps * seconds)}, {jitted:N0} methods jitted"));
    }

    /// <summary>A private Space of the admin with one secret, and a user who may not see it; the wrk arguments of each request.</summary>
    private static async Task<(string[] Denied, string[] Secrets)> SetUpAsync(BenchHub hub)
    {
        using var admin = await hub.AdminAsync();
        var token = await BenchHub.PostForAsync(admin, "/api/settings/tokens",
            new { displayName = "bench", fineGrained = new { global = OwnerPermissions } }, "token");
        using var owner = new HttpClient { BaseAddress = hub.Address };
        owner.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await BenchHub.PostForAsync(owner, "/api/repos/create", new { name = "app", type = "space", sdk = "docker", @private = true }, "");
        await BenchHub.PostForAsync(admin, "/api/admin/users", new { username = "bob", email = "bob@example.test", password = "correct horse battery staple" }, "");
        using var bob = await hub.SignInAsync("bob", "correct horse battery staple");
        var bobToken = await BenchHub.PostForAsync(bob, "/api/settings/tokens", new { displayName = "bench", role = "read" }, "token");
        var lua = Path.Combine(Path.GetTempPath(), "strongroom-secret-" + Guid.NewGuid().ToString("N")[..8] + ".lua");
        // 50 keys, chosen at random per request: writers of one key at once are answered 409 after a few tries (as a client would be).
        await File.WriteAllTextAsync(lua,
            $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Authorization\"] = \"Bearer {token}\"\n"
            + "request = function()\n  return wrk.format(nil, nil, nil, '{\"key\":\"BENCH_' .. math.random(1, 50) .. '\",\"value\":\"sealed by the KMS\"}')\nend\n");
        return (["-H", $"Authorization: Bearer {bobToken}", new Uri(hub.Address, "/api/spaces/admin/app").ToString()],
            ["-s", lua, new Uri(hub.Address, "/api/spaces/admin/app/secrets").ToString()]);
    }

    private static Process StartWrk(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The request benchmark drives the servers with wrk, which is not installed here (apt-get install wrk).", e);
        }
    }

    /// <summary>wrk's requests per second, and how many answers were not 2xx (a denial's are all 404).</summary>
    private static async Task<(double Rps, long NotOk)> WrkAsync(int seconds, int connections, string[] arguments)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = StartWrk(start);
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        var rps = lines.Single(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal))["Requests/sec:".Length..].Trim();
        var notOk = lines.FirstOrDefault(l => l.StartsWith("Non-2xx or 3xx responses:", StringComparison.Ordinal))?["Non-2xx or 3xx responses:".Length..].Trim();
        if (lines.Any(l => l.StartsWith("Socket errors:", StringComparison.Ordinal)) || double.Parse(rps, CultureInfo.InvariantCulture) < 1)
        {
            await Console.Error.WriteLineAsync("wrk's run went wrong:\n" + output);
        }

        return (double.Parse(rps, CultureInfo.InvariantCulture), notOk is null ? 0 : long.Parse(notOk, CultureInfo.InvariantCulture));
    }
}
