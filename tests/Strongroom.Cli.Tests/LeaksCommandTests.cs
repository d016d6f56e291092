using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Strongroom.Cli.Tests;

/// <summary><c>strongroom leaks list|resolve</c> over an org's alert raised by a sweep, and <c>repos settings --push-protection</c>.</summary>
public sealed class LeaksCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task LeaksListAndResolve_OnAnOrgAlert_ShowAndSettleIt()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var org = ServerFixture.UniqueName("org");
        Assert.Equal(0, (await admin.RunAsync("orgs", "create", org)).ExitCode);
        Assert.Equal(0, (await admin.RunAsync("repos", "create", org + "/keys")).ExitCode);
        var protection = await admin.RunAsync("repos", "settings", org + "/keys", "--push-protection", "warn");
        using var session = await server.AdminSessionAsync();
        var body = JsonSerializer.Serialize(new { key = "header", value = new { summary = "config" } }) + "\n"
            + JsonSerializer.Serialize(new { key = "file", value = new { path = "ci/.env", content = Convert.ToBase64String(Encoding.UTF8.GetBytes("GITHUB_TOKEN=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\n")), encoding = "base64" } });
        var commit = await session.PostAsync($"/api/models/{org}/keys/commit/main", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        Assert.True(commit.IsSuccessStatusCode, await commit.Content.ReadAsStringAsync());
        (await session.PostAsync("/api/admin/leaks/sweep", null)).EnsureSuccessStatusCode();

        var listed = await admin.RunAsync("leaks", "list", "--org", org, "--json");
        var table = await admin.RunAsync("leaks", "list", "--org", org);
        var id = listed.Json().EnumerateArray().Single().GetProperty("id").GetString()!;
        var resolved = await admin.RunAsync("leaks", "resolve", id, "--org", org, "--state", "false-positive");
        var open = await admin.RunAsync("leaks", "list", "--org", org, "--state", "open", "--json");
        var wrongState = await admin.RunAsync("leaks", "resolve", id, "--org", org, "--state", "maybe");

        Assert.True(protection.ExitCode == 0, protection.ToString());
        Assert.Contains("push protection: warn", protection.Stdout, StringComparison.Ordinal);
        Assert.Contains("ci/.env:1", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("github-classic-pat", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_", table.Stdout + listed.Stdout, StringComparison.Ordinal);
        Assert.True(resolved.ExitCode == 0, resolved.ToString());
        Assert.Contains("now false-positive", resolved.Stdout, StringComparison.Ordinal);
        Assert.Empty(open.Json().EnumerateArray());
        Assert.NotEqual(0, wrongState.ExitCode);
    }
}
