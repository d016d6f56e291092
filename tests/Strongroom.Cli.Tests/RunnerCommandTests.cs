using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Strongroom.Cli.Runner;

namespace Strongroom.Cli.Tests;

/// <summary><c>admin runners</c> and <c>runner exec</c> against a real server and a real child process.</summary>
public sealed class RunnerCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<(CliHarness Admin, string Space)> SpaceWithConfigAsync(string secretValue)
    {
        var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("apps");
        Assert.Equal(0, (await admin.RunAsync("orgs", "create", org)).ExitCode);
        var token = (await admin.RunAsync("tokens", "create", "--name", "setup", "--scope", $"org:{org}=repo.write,repo.secrets.write", "--json"))
            .Json().GetProperty("token").GetString()!;
        var space = $"{org}/demo";
        await SendAsync(token, HttpMethod.Post, "/api/repos/create", new { name = "demo", organization = org, type = "space", sdk = "docker", @private = true });
        await SendAsync(token, HttpMethod.Post, $"/api/spaces/{space}/secrets", new { key = "API_KEY", value = secretValue });
        await SendAsync(token, HttpMethod.Post, $"/api/spaces/{space}/variables", new { key = "MODEL", value = "acme/bert" });
        return (admin, space);
    }

    private async Task SendAsync(string token, HttpMethod method, string path, object body)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RunnerExec_RunsTheCommandWithTheSpaceEnvironment_WithoutTheRunnerToken_AndPassesItsExitCode()
    {
        var secret = "sk-" + Guid.NewGuid().ToString("N");
        var (admin, space) = await SpaceWithConfigAsync(secret);
        using var _ = admin;
        var created = await admin.RunAsync("admin", "runners", "create", "--name", ServerFixture.UniqueName("runner"));
        Assert.True(created.ExitCode == 0, created.ToString());
        var runnerToken = created.Stdout.Trim();
        Assert.StartsWith("sr_r", runnerToken, StringComparison.Ordinal);
        using var runner = new CliHarness(server);
        runner.SetEnvironment("STRONGROOM_RUNNER_TOKEN", runnerToken);

        var result = await runner.RunAsync("runner", "exec", "--space", space, "--",
            "/bin/sh", "-c", "printf '%s|%s|%s|%s|%s' \"$API_KEY\" \"$MODEL\" \"$SPACE_ID\" \"${STRONGROOM_RUNNER_TOKEN:-unset}\" \"$HF_TOKEN\"; exit 7");

        Assert.True(result.ExitCode == 7, result.ToString());
        var fields = result.Stdout.Split('|');
        Assert.Equal([secret, "acme/bert", space, "unset"], fields[..4]);
        Assert.StartsWith("sr_w", fields[4], StringComparison.Ordinal);
        // The workload token was revoked when the command exited.
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/spaces/{space}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fields[4]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
    }

    /// <summary>
    /// Starts <c>runner exec</c> on a Space with a shell script that sets its SIGTERM trap (<paramref name="trap"/>)
    /// and then runs until stopped; once the trap is set, cancels the CLI as Ctrl+C or a supervisor's
    /// SIGTERM does, and returns the run, still going, with the fake clock it was given.
    /// </summary>
    private async Task<(Task<CliResult> Run, FakeTimeProvider Time, string Space)> StartThenStopAsync(string trap)
    {
        var (admin, space) = await SpaceWithConfigAsync("sk-" + Guid.NewGuid().ToString("N"));
        using var _ = admin;
        var runnerToken = (await admin.RunAsync("admin", "runners", "create", "--name", ServerFixture.UniqueName("runner"))).Stdout.Trim();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runner = new CliHarness(server) { Time = time };
        runner.SetEnvironment("STRONGROOM_RUNNER_TOKEN", runnerToken);
        var ready = runner.ConfigDirectory + "-ready";
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(["runner", "exec", "--space", space, "--", "/bin/sh", "-c", $"{trap}; touch '{ready}'; while :; do sleep 0.1; done"], "", stop.Token);
        for (var waited = 0; !File.Exists(ready) && !run.IsCompleted && waited < 300; waited++)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        File.Delete(ready);
        return (Finish(run, runner), time, space);

        static async Task<CliResult> Finish(Task<CliResult> run, CliHarness runner)
        {
            using var _ = runner;
            return await run;
        }
    }

    [Fact]
    public async Task RunnerExec_AskedToStop_PassesSigtermToTheCommand_ReturnsItsExitCode_AndRevokesTheToken()
    {
        // Arrange and act: a command that shuts down cleanly on SIGTERM, and says so.
        var (run, _, space) = await StartThenStopAsync("trap 'echo \"stopping $HF_TOKEN\"; exit 7' TERM");
        var result = await run;

        // Assert: the command ran its own shutdown (exit 7, not killed), and its token was revoked.
        Assert.True(result.ExitCode == 7, result.ToString());
        var workloadToken = result.Stdout.Trim().Split(' ')[^1];
        Assert.StartsWith("sr_w", workloadToken, StringComparison.Ordinal);
        Assert.DoesNotContain("killing", result.Stderr, StringComparison.Ordinal);
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/spaces/{space}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", workloadToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task RunnerExec_CommandIgnoringSigterm_IsKilledAfterTheGracePeriod()
    {
        // Arrange and act: a command that ignores SIGTERM; the CLI's clock is moved past the grace period.
        var (run, time, _) = await StartThenStopAsync("trap '' TERM");
        for (var waited = 0; !run.IsCompleted && waited < 300; waited++)
        {
            await Task.Delay(100);
            time.Advance(SpaceRun.StopGracePeriod + TimeSpan.FromSeconds(1));
        }

        var result = await run;

        // Assert: still running after SIGTERM and the grace period, so killed (SIGKILL: 128 + 9).
        Assert.True(result.ExitCode == 137, result.ToString());
        Assert.Contains("killing it", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunnerExec_WithoutARunnerToken_ExplainsWhereItComesFrom()
    {
        using var runner = new CliHarness(server);

        var result = await runner.RunAsync("runner", "exec", "--space", "acme/demo", "--", "/bin/true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("STRONGROOM_RUNNER_TOKEN", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminRunners_ListShowsNoToken_AndRevokeStopsTheRunner()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var name = ServerFixture.UniqueName("runner");
        var created = (await admin.RunAsync("admin", "runners", "create", "--name", name, "--json")).Json();
        var id = created.GetProperty("id").GetString()!;
        var token = created.GetProperty("token").GetString()!;

        var list = await admin.RunAsync("admin", "runners", "list");
        var revoke = await admin.RunAsync("admin", "runners", "revoke", id);
        using var runner = new CliHarness(server);
        runner.SetEnvironment("STRONGROOM_RUNNER_TOKEN", token);
        var exec = await runner.RunAsync("runner", "exec", "--space", "acme/demo", "--", "/bin/true");

        Assert.Contains(name, list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list.Stdout, StringComparison.Ordinal);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(1, exec.ExitCode);
        Assert.Contains("invalid_token", exec.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>A server whose workload tokens live two seconds, so a short command outlives its first token.</summary>
public sealed class ShortWorkloadServerFixture : ServerFixture
{
    protected override string[] ExtraArguments => ["--Spaces:WorkloadTokenLifetime", "00:00:02"];
}

public sealed class RunnerRenewalTests(ShortWorkloadServerFixture server) : IClassFixture<ShortWorkloadServerFixture>
{
    [Fact]
    public async Task RunnerExec_RenewsTheWorkloadTokenWhileTheCommandRuns()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("apps");
        Assert.Equal(0, (await admin.RunAsync("orgs", "create", org)).ExitCode);
        var setup = (await admin.RunAsync("tokens", "create", "--name", "setup", "--scope", $"org:{org}=repo.write", "--json")).Json().GetProperty("token").GetString()!;
        using (var http = server.Http())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/repos/create")
            {
                Content = JsonContent.Create(new { name = "slow", organization = org, type = "space", sdk = "docker", @private = true }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", setup);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        var runnerToken = (await admin.RunAsync("admin", "runners", "create", "--name", ServerFixture.UniqueName("runner"))).Stdout.Trim();
        using var runner = new CliHarness(server);
        runner.SetEnvironment("STRONGROOM_RUNNER_TOKEN", runnerToken);

        var result = await runner.RunAsync("runner", "exec", "--space", $"{org}/slow", "--", "/bin/sh", "-c", "sleep 3.5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("warning", result.Stderr, StringComparison.Ordinal);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Strongroom.Data.StrongroomDb>();
        var renewals = await db.AuditEvents.CountAsync(e => e.Action == "space.runtime.renew" && e.Target == $"space:{org}/slow");
        Assert.True(renewals >= 2, $"{renewals} renewals in 3.5 s of a 2 s token");
    }
}
