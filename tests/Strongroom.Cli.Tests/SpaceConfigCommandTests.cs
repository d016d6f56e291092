using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Strongroom.Cli.Tests;

/// <summary><c>strongroom secrets|variables</c> against a real server; values checked through a real runner start.</summary>
public sealed class SpaceConfigCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<(CliHarness Admin, string Space)> SpaceAsync()
    {
        var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("apps");
        Assert.Equal(0, (await admin.RunAsync("orgs", "create", org)).ExitCode);
        var token = (await admin.RunAsync("tokens", "create", "--name", "setup", "--scope", $"org:{org}=repo.write", "--json")).Json().GetProperty("token").GetString()!;
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/repos/create")
        {
            Content = JsonContent.Create(new { name = "demo", organization = org, type = "space", sdk = "docker", @private = true }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        return (admin, $"{org}/demo");
    }

    [Fact]
    public async Task SecretsSet_FromStdin_KeepsEveryLine_ListNeverShowsIt_AndTheRuntimeGetsIt()
    {
        var (admin, space) = await SpaceAsync();
        using var cleanup = admin;
        var value = "-----BEGIN KEY-----\n" + Guid.NewGuid().ToString("N") + "\n-----END KEY-----";

        var set = await admin.RunAsync(["secrets", "set", "--space", space, "SIGNING_KEY", "--description", "release signing", "--value-stdin"], value + "\n");
        var list = await admin.RunAsync("secrets", "list", "--space", space);
        var listJson = await admin.RunAsync("secrets", "list", "--space", space, "--json");
        var variable = await admin.RunAsync("variables", "set", "--space", space, "MODEL", "acme/bert");
        var variables = await admin.RunAsync("variables", "list", "--space", space);
        var runnerToken = (await admin.RunAsync("admin", "runners", "create", "--name", ServerFixture.UniqueName("runner"))).Stdout.Trim();
        using var runner = new CliHarness(server);
        runner.SetEnvironment("STRONGROOM_RUNNER_TOKEN", runnerToken);
        var run = await runner.RunAsync("runner", "exec", "--space", space, "--", "/bin/sh", "-c", "printf '%s' \"$SIGNING_KEY\"");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("SIGNING_KEY", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("release signing", list.Stdout, StringComparison.Ordinal);
        Assert.True(listJson.Json().TryGetProperty("SIGNING_KEY", out var entry), listJson.ToString());
        Assert.False(entry.TryGetProperty("value", out _));
        foreach (var output in new[] { set, list, listJson })
        {
            Assert.DoesNotContain(Guid.Parse(value.Split('\n')[1]).ToString("N"), output.Stdout + output.Stderr, StringComparison.Ordinal);
        }

        Assert.True(variable.ExitCode == 0, variable.ToString());
        Assert.Matches(@"MODEL\s+acme/bert", variables.Stdout);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(value, run.Stdout);
    }

    [Fact]
    public async Task SecretsDelete_RemovesIt_AndASecondDeleteIsRefusedWithTheServerCode()
    {
        var (admin, space) = await SpaceAsync();
        using var cleanup = admin;
        Assert.Equal(0, (await admin.RunAsync(["secrets", "set", "--space", space, "TOKEN", "--value-stdin"], "abc\n")).ExitCode);

        var deleted = await admin.RunAsync("secrets", "delete", "--space", space, "TOKEN");
        var again = await admin.RunAsync("secrets", "delete", "--space", space, "TOKEN");
        var list = await admin.RunAsync("secrets", "list", "--space", space, "--json");

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("secret_not_found", again.Stderr, StringComparison.Ordinal);
        Assert.Equal("{}", list.Stdout.Trim());
    }

    [Fact]
    public async Task SecretsSet_WithoutStdinOrTerminal_RefusesRatherThanTakeTheValueFromArguments()
    {
        var (admin, space) = await SpaceAsync();
        using var cleanup = admin;

        var result = await admin.RunAsync("secrets", "set", "--space", space, "TOKEN");
        var badKey = await admin.RunAsync(["secrets", "set", "--space", space, "1BAD", "--value-stdin"], "x\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--value-stdin", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, badKey.ExitCode);
        Assert.Contains("invalid_key", badKey.Stderr, StringComparison.Ordinal);
    }
}
