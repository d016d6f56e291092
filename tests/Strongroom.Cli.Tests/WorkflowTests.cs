using System.Net;
using System.Net.Http.Headers;

namespace Strongroom.Cli.Tests;

/// <summary>The whole path a new hub goes through, each step checked against the server.</summary>
public sealed class WorkflowTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Workflow_AdminCreatesUserAndOrg_MemberTokenFollowsMembership()
    {
        using var admin = new CliHarness(server);
        await admin.LoginAdminAsync();
        var username = ServerFixture.UniqueName("dev");
        var org = ServerFixture.UniqueName("lab");
        var created = await admin.RunAsync("admin", "users", "create", "--username", username, "--email", username + "@example.com", "--json");
        var password = created.Json().GetProperty("generatedPassword").GetString()!;
        Assert.Equal(0, (await admin.RunAsync("orgs", "create", org, "--json")).ExitCode);
        Assert.Equal(0, (await admin.RunAsync("orgs", "members", "set", org, username, "--role", "read")).ExitCode);

        using var dev = new CliHarness(server);
        Assert.Equal(0, (await dev.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n")).ExitCode);
        var token = (await dev.RunAsync("tokens", "create", "--name", "lab-reader", "--scope", $"org:{org}=org.read", "--json"))
            .Json().GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await MembersStatusAsync(org, token));

        Assert.Equal(0, (await admin.RunAsync("orgs", "members", "remove", org, username)).ExitCode);
        Assert.NotEqual(HttpStatusCode.OK, await MembersStatusAsync(org, token));

        var list = await dev.RunAsync("tokens", "list", "--json");
        var id = Assert.Single(list.Json().EnumerateArray()).GetProperty("id").GetString()!;
        var rotated = (await dev.RunAsync("tokens", "rotate", id, "--json")).Json().GetProperty("token").GetString()!;
        Assert.Equal(0, (await dev.RunAsync("tokens", "revoke", id)).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MembersStatusAsync(org, rotated));
        Assert.DoesNotContain(token, list.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await dev.RunAsync("logout")).ExitCode);
    }

    private async Task<HttpStatusCode> MembersStatusAsync(string org, string token)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{org}/members");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
