using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Strongroom.Server.Hosting;

namespace Strongroom.Cli.Tests;

/// <summary>
/// A real Strongroom server, in process, on SQLite in a temporary directory, listening on a free
/// loopback port. One per test class; tests keep apart by using their own users, orgs and config dirs.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "strongroom-cli-tests-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public string Url => BaseAddress.ToString().TrimEnd('/');

    public string AdminPassword { get; private set; } = "";

    /// <summary>The running server's services, for checks that need its database.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Fixture not started");

    /// <summary>Configuration a derived fixture adds, as <c>--Section:Key value</c> pairs.</summary>
    protected virtual string[] ExtraArguments => [];

    /// <summary>False leaves the first admin on the one-time password of the file, as a fresh install is.</summary>
    protected virtual bool ReplaceOneTimePassword => true;

    /// <summary>The first admin's password file, while it exists.</summary>
    public string? PasswordFile { get; private set; }

    public async Task InitializeAsync()
    {
        _app = StrongroomApp.Build(
            // One-time passwords are enforced here (off by default): the workflow test goes through the change.
            ["--urls", "http://127.0.0.1:0", "--Server:DataDirectory", DataDirectory, "--Passwords:MemoryKiB", "8192", "--Passwords:Iterations", "1",
                "--Passwords:RequireChange", "true", .. ExtraArguments],
            builder => builder.Logging.ClearProviders());
        var passwordFile = await StrongroomApp.PrepareAsync(_app);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        PasswordFile = passwordFile;
        var oneTime = (await File.ReadAllTextAsync(passwordFile!)).Trim();
        AdminPassword = ReplaceOneTimePassword ? await ReplaceOneTimePasswordAsync(oneTime) : oneTime;
    }

    /// <summary>A signed-in session of the first admin (its cookie and CSRF header), for arranging a test's state.</summary>
    public async Task<HttpClient> AdminSessionAsync()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add("X-CSRF-Token", (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("csrfToken").GetString());
        return client;
    }

    /// <summary>Signs in with the first admin's one-time password and sets a new one, as an operator must.</summary>
    private async Task<string> ReplaceOneTimePasswordAsync(string oneTime)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = oneTime });
        login.EnsureSuccessStatusCode();
        var csrf = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("csrfToken").GetString();
        client.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        var replacement = "admin-" + Guid.NewGuid().ToString("N");
        using var change = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = oneTime, newPassword = replacement });
        change.EnsureSuccessStatusCode();
        return replacement;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Cleanup must not fail the run; the temp directory is cleaned by the OS.
        }
    }

    /// <summary>An HTTP client with no credentials, for checking what a token or cookie can do.</summary>
    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    /// <summary>A name no other test uses, so tests never share users or orgs.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
