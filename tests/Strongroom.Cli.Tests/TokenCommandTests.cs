using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Strongroom.Cli.Tests;

public sealed class TokenCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Create_WithScope_PrintsOnlyTokenThatWorksAsBearer()
    {
        using var cli = await SignedInUserAsync();

        var result = await cli.RunAsync("tokens", "create", "--name", "ci", "--scope", "user:" + cli.Username! + "=repo.content.read", "--global", "inference.serverless.write");

        Assert.True(result.ExitCode == 0, result.ToString());
        var token = result.Stdout.Trim();
        Assert.Matches("^sr_p[0-9A-Za-z]{38}$", token);
        Assert.Contains("shown once", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Stderr, StringComparison.Ordinal);
        var whoami = await WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.OK, whoami.Status);
        var grant = whoami.Body.GetProperty("auth").GetProperty("accessToken").GetProperty("fineGrained");
        Assert.Equal("inference.serverless.write", grant.GetProperty("global")[0].GetString());
        Assert.Equal(cli.Username, grant.GetProperty("scoped")[0].GetProperty("entity").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_Json_ReturnsServerShapeWithExpiry()
    {
        using var cli = await SignedInUserAsync();

        var result = await cli.RunAsync("tokens", "create", "--name", "nightly", "--expires-in-days", "7", "--global", "repo.content.read", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal("nightly", json.GetProperty("displayName").GetString());
        Assert.Equal("fineGrained", json.GetProperty("role").GetString());
        var expiresAt = json.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync(json.GetProperty("token").GetString()!)).Status);
    }

    [Fact]
    public async Task List_AfterCreate_ShowsLast4NeverRawToken()
    {
        using var cli = await SignedInUserAsync();
        var token = (await cli.RunAsync("tokens", "create", "--name", "listed", "--global", "repo.content.read")).Stdout.Trim();

        var text = await cli.RunAsync("tokens", "list");
        var json = await cli.RunAsync("tokens", "list", "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains("listed", text.Stdout, StringComparison.Ordinal);
        Assert.Contains(token[^4..], text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text.Stdout + text.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token, json.Stdout + json.Stderr, StringComparison.Ordinal);
        var listed = Assert.Single(json.Json().EnumerateArray());
        Assert.Equal(token[^4..], listed.GetProperty("last4").GetString());
        Assert.False(listed.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Rotate_ActiveToken_OldGets401NewWorks()
    {
        using var cli = await SignedInUserAsync();
        var created = (await cli.RunAsync("tokens", "create", "--name", "rotating", "--global", "repo.content.read", "--json")).Json();
        var oldToken = created.GetProperty("token").GetString()!;

        var result = await cli.RunAsync("tokens", "rotate", created.GetProperty("id").GetString()!, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var newToken = result.Json().GetProperty("token").GetString()!;
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(oldToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync(newToken)).Status);
        Assert.Contains("shown once", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ActiveToken_TokenGets401AndListsRevoked()
    {
        using var cli = await SignedInUserAsync();
        var created = (await cli.RunAsync("tokens", "create", "--name", "doomed", "--global", "repo.content.read", "--json")).Json();
        var id = created.GetProperty("id").GetString()!;

        var result = await cli.RunAsync("tokens", "revoke", id, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json().GetProperty("revoked").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(created.GetProperty("token").GetString()!)).Status);
        var listed = Assert.Single((await cli.RunAsync("tokens", "list", "--json")).Json().EnumerateArray());
        Assert.Equal("revoked", listed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Revoke_UnknownId_ExitsOneWithNotFound()
    {
        using var cli = await SignedInUserAsync();

        var result = await cli.RunAsync("tokens", "revoke", "0123456789abcdef01234567");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not_found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownPermission_ExitsOneWithServerCode()
    {
        using var cli = await SignedInUserAsync();

        var result = await cli.RunAsync("tokens", "create", "--name", "bad", "--global", "repo.everything");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown_permission", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("--role", "read", "--scope", "org:acme=org.read")]
    [InlineData("--scope", "org-acme=org.read")]
    [InlineData("--scope", "team:acme=org.read")]
    [InlineData("--expires", "2001-01-01")]
    [InlineData("--expires", "2999-01-01", "--expires-in-days", "3")]
    [InlineData("--role", "admin")]
    public async Task Create_BadArguments_ExitsTwoBeforeCreatingAnything(params string[] extra)
    {
        using var cli = await SignedInUserAsync();

        var result = await cli.RunAsync(["tokens", "create", "--name", "x", .. extra]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty((await cli.RunAsync("tokens", "list", "--json")).Json().EnumerateArray());
    }

    [Fact]
    public async Task Create_SessionEndedOnServer_ExitsOneAndSaysToLogin()
    {
        using var cli = await SignedInUserAsync();
        var session = JsonDocument.Parse(await File.ReadAllTextAsync(cli.SessionFile)).RootElement;
        using (var http = server.Http())
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout"))
        {
            logout.Headers.Add("Cookie", "strongroom_session=" + session.GetProperty("cookie").GetString());
            logout.Headers.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
            (await http.SendAsync(logout)).EnsureSuccessStatusCode();
        }

        var result = await cli.RunAsync("tokens", "create", "--name", "late", "--global", "repo.content.read");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("strongroom login", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A fresh user's own signed-in CLI, so no test sees another's tokens.</summary>
    private async Task<CliHarness> SignedInUserAsync()
    {
        var username = ServerFixture.UniqueName("user");
        string password;
        using (var admin = new CliHarness(server))
        {
            await admin.LoginAdminAsync();
            password = await admin.CreateUserAsync(username);
        }

        var cli = new CliHarness(server) { Username = username };
        var login = await cli.RunAsync(["login", "--username", username, "--password-stdin"], password + "\n");
        Assert.True(login.ExitCode == 0, login.ToString());
        return cli;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> WhoAmIAsync(string token)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami-v2");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }
}
