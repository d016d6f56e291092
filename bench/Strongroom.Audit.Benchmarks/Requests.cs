using System.Diagnostics;
using System.Globalization;
using Strongroom.Data;

namespace Strongroom.Audit.Benchmarks;

/// <summary>
/// The chain's cost on whole requests: the server in this process (<see cref="BenchHub"/>), chain on and off
/// alternating, each on a fresh database, under <c>wrk</c> with the same connections and duration. Two
/// audited requests: an authorization denial (a token reading a private Space it may not see: the request
/// does little but write its <c>authz.deny</c> event, the chain's worst case) and a Space secret write
/// (sealed by the KMS, written with its <c>space.secret.write</c> event).
/// </summary>
internal static class Requests
{
    private static readonly string[] OwnerPermissions = ["repo.write", "repo.content.read", "repo.secrets.write"];

    public static async Task RunAsync(string provider, string? postgres, int seconds, int connections, int rounds, SqliteSynchronous synchronous)
    {
        var setting = provider == "sqlite" ? $" (synchronous={synchronous})" : "";
        Console.WriteLine($"requests: {provider}{setting}, wrk -t2 -c{connections} -d{seconds}s, {rounds} rounds, the server in this process");
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var chain in new[] { true, false })
            {
                await using var hub = await BenchHub.StartAsync(
                    provider == "sqlite" ? null : postgres ?? throw new ArgumentException("--postgres CONNECTION is needed"), synchronous, chain);
                var (denied, secrets) = await SetUpAsync(hub);
                var name = round == 0 ? "warm-up" : "round " + round.ToString(CultureInfo.InvariantCulture);
                foreach (var (kind, arguments) in new[] { ("authz.deny", denied), ("secret write", secrets) })
                {
                    var before = await hub.EventsAsync();
                    var writer = hub.Writer();
                    var (rps, other) = await WrkAsync(seconds, connections, arguments);
                    var events = (await hub.EventsAsync() - before) / (double)seconds;
                    var (batches, busy) = hub.Writer();
                    var answers = kind == "authz.deny"
                        ? string.Create(CultureInfo.InvariantCulture,
                            $", {events * seconds / Math.Max(1, batches - writer.Batches):N1} per transaction, writer busy {(busy - writer.Busy).TotalSeconds / seconds:P0}")
                        : string.Create(CultureInfo.InvariantCulture, $", {other:N0} answers not 2xx");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name} chain {(chain ? "on " : "off")} {kind,-13}: {rps,8:N0} req/s, {events,8:N0} audit events/s{answers}"));
                }
            }
        }
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

    /// <summary>wrk's requests per second, and how many answers were not 2xx (a denial's are all 404).</summary>
    private static async Task<(double Rps, long NotOk)> WrkAsync(int seconds, int connections, string[] arguments)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        var rps = lines.Single(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal))["Requests/sec:".Length..].Trim();
        var notOk = lines.FirstOrDefault(l => l.StartsWith("Non-2xx or 3xx responses:", StringComparison.Ordinal))?["Non-2xx or 3xx responses:".Length..].Trim();
        return (double.Parse(rps, CultureInfo.InvariantCulture), notOk is null ? 0 : long.Parse(notOk, CultureInfo.InvariantCulture));
    }
}
