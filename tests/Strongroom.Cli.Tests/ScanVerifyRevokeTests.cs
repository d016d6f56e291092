using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Strongroom.Cli.Tests;

/// <summary>
/// <c>strongroom scan --verify SERVER</c> says which tokens of yours it found are live (asking with your own
/// token, so nobody else's are tested) and <c>--revoke SERVER</c> reports them, after which they are dead;
/// run as the real program, with <c>STRONGROOM_TOKEN</c> in its environment.
/// </summary>
public sealed class ScanVerifyRevokeTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("strongroom-verify-").FullName;

    [Fact]
    public async Task Scan_WithVerifyThenRevoke_MarksTheLiveTokenThenKillsIt()
    {
        using var admin = await server.AdminSessionAsync();
        var own = await CreateTokenAsync(admin, "asker");
        var found = await CreateTokenAsync(admin, "in-code");
        var (revokedId, revoked) = await CreateTokenWithIdAsync(admin, "old");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/settings/tokens/{revokedId}")).StatusCode);
        await File.WriteAllTextAsync(Path.Combine(_directory, "app.py"), $"LIVE = \"{found}\"\nOLD = \"{revoked}\"\n");

        var verified = await ScanAsync(own, "--verify", server.Url);
        var noToken = await ScanAsync(null, "--verify", server.Url);
        var reported = await ScanAsync(null, "--revoke", server.Url);
        var after = await ScanAsync(own, "--verify", server.Url);

        Assert.Equal(1, verified.ExitCode);
        Assert.Contains("app.py:1", verified.Stderr, StringComparison.Ordinal);
        Assert.Contains("LIVE: revoke it now", verified.Stderr, StringComparison.Ordinal);
        Assert.Contains("revoked: no longer works", verified.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(found, verified.Stderr + verified.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("STRONGROOM_TOKEN", noToken.Stderr, StringComparison.Ordinal);
        Assert.Contains("reported 2 token(s)", reported.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("LIVE", after.Stderr, StringComparison.Ordinal);
        using var http = server.Http();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", found);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/whoami-v2")).StatusCode);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<string> CreateTokenAsync(HttpClient admin, string name) => (await CreateTokenWithIdAsync(admin, name)).Token;

    private static async Task<(string Id, string Token)> CreateTokenWithIdAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/settings/tokens", new { displayName = name + "-" + Guid.NewGuid().ToString("N")[..6], role = "read" });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetString()!, json.GetProperty("token").GetString()!);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> ScanAsync(string? callerToken, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "strongroom.dll"), "scan", "app.py", "--no-progress" }.Concat(options))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("STRONGROOM_TOKEN");
        if (callerToken is not null)
        {
            start.Environment["STRONGROOM_TOKEN"] = callerToken;
        }

        using var process = Process.Start(start)!;
        return await ChildProcess.WaitAsync(process, TimeSpan.FromSeconds(60), "strongroom scan " + string.Join(' ', options));
    }
}
