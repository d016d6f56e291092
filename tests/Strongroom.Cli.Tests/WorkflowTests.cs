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
        var adminToken = (await admin.RunAsync("tokens", "create", "--name", "setup", "--scope", $"org:{org}=repo.write", "--json"))
            .Json().GetProperty("token").GetString()!;
        var repo = await CreatePrivateModelAsync(org, adminToken);

        // The generated password signs in only to be replaced; then the session works as any other.
        using var dev = new CliHarness(server);
        var login = await dev.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n");
        Assert.Equal(0, login.ExitCode);
        Assert.Contains("strongroom password", login.Stderr, StringComparison.Ordinal);
        var refused = await dev.RunAsync("tokens", "create", "--name", "too-early", "--scope", $"org:{org}=repo.content.read");
        Assert.True(refused.ExitCode == 1 && refused.Stderr.Contains("password_change_required", StringComparison.Ordinal), refused.ToString());
        var ownPassword = "correct horse battery " + Guid.NewGuid().ToString("N")[..8];
        var changed = await dev.RunAsync(["password", "--password-stdin"], password + "\n" + ownPassword + "\n");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        using (var fresh = new CliHarness(server))
        {
            Assert.NotEqual(0, (await fresh.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n")).ExitCode);
            var again = await fresh.RunAsync(["login", "--username", username, "--password-stdin"], ownPassword + "\n");
            Assert.True(again.ExitCode == 0 && again.Stderr.Length == 0, again.ToString());
        }

        Assert.Equal(0, (await dev.RunAsync("orgs", "invitations", "accept", org)).ExitCode); // joins the org it was invited to
        var token = (await dev.RunAsync("tokens", "create", "--name", "lab-reader", "--scope", $"org:{org}=repo.content.read", "--json"))
            .Json().GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await RepoStatusAsync(repo, token));

        Assert.Equal(0, (await admin.RunAsync("orgs", "members", "remove", org, username)).ExitCode);
        Assert.Equal(HttpStatusCode.NotFound, await RepoStatusAsync(repo, token)); // invisible now: answered as absent

        var list = await dev.RunAsync("tokens", "list", "--json");
        var id = Assert.Single(list.Json().EnumerateArray()).GetProperty("id").GetString()!;
        var rotated = (await dev.RunAsync("tokens", "rotate", id, "--json")).Json().GetProperty("token").GetString()!;
        Assert.Equal(0, (await dev.RunAsync("tokens", "revoke", id)).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await RepoStatusAsync(repo, rotated));
        Assert.DoesNotContain(token, list.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await dev.RunAsync("logout")).ExitCode);
    }

    private async Task<string> CreatePrivateModelAsync(string org, string token)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/repos/create")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "weights", organization = org, type = "model", @private = true }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return $"{org}/weights";
    }

    // A private org repository: unlike the member list, which is public as on the hub, only members see it.
    private async Task<HttpStatusCode> RepoStatusAsync(string repo, string token)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/models/{repo}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
