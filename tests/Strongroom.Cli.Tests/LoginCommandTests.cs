using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Text.Json;

namespace Strongroom.Cli.Tests;

// File modes are what these tests check; the CLI itself runs on Windows too, without them.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LoginCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task Login_PasswordStdin_SavesPrivateSessionThatWorks()
    {
        using var cli = new CliHarness(server);

        var result = await cli.RunAsync(["login", "--username", "admin", "--password-stdin", "--json"], server.AdminPassword + "\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("admin", result.Json().GetProperty("username").GetString());
        Assert.Equal(Mode0600, File.GetUnixFileMode(cli.SessionFile));
        Assert.Equal(Mode0700, File.GetUnixFileMode(cli.ConfigDirectory));
        Assert.DoesNotContain(server.AdminPassword, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AdminPassword, await File.ReadAllTextAsync(cli.SessionFile), StringComparison.Ordinal);
        var list = await cli.RunAsync("tokens", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
    }

    [Fact]
    public async Task Login_LooseExistingConfigDirectory_TightensTo0700()
    {
        using var cli = new CliHarness(server);
        Directory.CreateDirectory(cli.ConfigDirectory);
        File.SetUnixFileMode(cli.ConfigDirectory, Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await cli.LoginAdminAsync();

        Assert.Equal(Mode0700, File.GetUnixFileMode(cli.ConfigDirectory));
        Assert.Equal(Mode0600, File.GetUnixFileMode(cli.SessionFile));
    }

    [Fact]
    public async Task Login_WrongPassword_ExitsOneWithServerCodeAndSavesNothing()
    {
        using var cli = new CliHarness(server);
        // A name of its own, so the failure cannot throttle other tests' sign-ins.
        var result = await cli.RunAsync(["login", "--username", ServerFixture.UniqueName("nobody"), "--password-stdin"], "not-the-password\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid_login", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Invalid username or password", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.SessionFile));
    }

    [Fact]
    public async Task Login_NoTerminalAndNoPasswordStdin_ExitsTwoWithoutCallingServer()
    {
        using var cli = new CliHarness(server);

        var result = await cli.RunAsync(["login", "--username", "admin"], server.AdminPassword + "\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password-stdin", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.SessionFile));
    }

    [Fact]
    public async Task Login_OnTerminal_PromptsForPasswordWithoutEcho()
    {
        using var cli = new CliHarness(server);
        var prompts = new List<(string Prompt, bool Echo)>();
        cli.Prompt = (prompt, echo) =>
        {
            prompts.Add((prompt, echo));
            return prompt.StartsWith("Username", StringComparison.Ordinal) ? "admin" : server.AdminPassword;
        };

        var result = await cli.RunAsync("login");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([("Username: ", true), ("Password: ", false)], prompts);
        Assert.True(File.Exists(cli.SessionFile));
    }

    [Fact]
    public async Task Login_ServerUnreachable_ExitsTwo()
    {
        using var cli = new CliHarness(server);

        var result = await cli.RunAsync(["login", "--server", "http://127.0.0.1:1", "--username", "admin", "--password-stdin"], "whatever\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cannot reach the server", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_SignedIn_DeletesFileAndEndsSessionOnServer()
    {
        using var cli = new CliHarness(server);
        await cli.LoginAdminAsync();
        var cookie = JsonDocument.Parse(await File.ReadAllTextAsync(cli.SessionFile)).RootElement.GetProperty("cookie").GetString();

        var result = await cli.RunAsync("logout");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(cli.SessionFile));
        Assert.Equal(HttpStatusCode.Unauthorized, await TokensStatusAsync(cookie!));
    }

    [Fact]
    public async Task Login_Again_EndsThePreviousSessionOnServer()
    {
        using var cli = new CliHarness(server);
        await cli.LoginAdminAsync();
        var first = JsonDocument.Parse(await File.ReadAllTextAsync(cli.SessionFile)).RootElement.GetProperty("cookie").GetString();

        await cli.LoginAdminAsync();

        var second = JsonDocument.Parse(await File.ReadAllTextAsync(cli.SessionFile)).RootElement.GetProperty("cookie").GetString();
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokensStatusAsync(first!));
        Assert.Equal(HttpStatusCode.OK, await TokensStatusAsync(second!));
    }

    [Fact]
    public async Task Login_ServerRedirects_ExitsTwoWithoutFollowing()
    {
        var followed = false;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var redirector = builder.Build();
        redirector.MapPost("/api/auth/login", () => Results.Redirect("/elsewhere", permanent: true, preserveMethod: true));
        redirector.MapPost("/elsewhere", () => { followed = true; return Results.Ok(); });
        await redirector.StartAsync();
        using var cli = new CliHarness(server);

        var result = await cli.RunAsync(["login", "--server", redirector.Urls.First(), "--username", "admin", "--password-stdin"], "secret-password\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("redirected", result.Stderr, StringComparison.Ordinal);
        Assert.False(followed);
        Assert.False(File.Exists(cli.SessionFile));
    }

    [Fact]
    public async Task Login_ServerErrorWithTerminalEscapes_PrintsThemDefused()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var hostile = builder.Build();
        hostile.MapPost("/api/auth/login", () => Results.Json(new { error = "\u001b]0;pwned\u0007bad\nline", code = "x\u001b[2J" }, statusCode: 400));
        await hostile.StartAsync();
        using var cli = new CliHarness(server);

        var result = await cli.RunAsync(["login", "--server", hostile.Urls.First(), "--username", "admin", "--password-stdin"], "secret-password\n");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stderr);
        Assert.Contains("error: ?]0;pwned?bad?line (x?[2J)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_NotSignedIn_ExitsTwoAndSaysToLogin()
    {
        using var cli = new CliHarness(server);

        var result = await cli.RunAsync("tokens", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("strongroom login", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_MissingRequiredOption_ExitsTwo()
    {
        using var cli = new CliHarness(server);

        var result = await cli.RunAsync("tokens", "create");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--name", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> TokensStatusAsync(string cookie)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/settings/tokens");
        request.Headers.Add("Cookie", "strongroom_session=" + cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
