using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Cli.Tests;

/// <summary>
/// Exactly once across a crash, on real <c>strongroom serve</c> processes: a token is reported leaked and
/// revoked, the server is SIGKILLed before its owner's email goes out, and the restarted server sends that
/// email once; reporting the token again sends nothing more.
/// </summary>
public sealed class ServeNotificationCrashTests : IDisposable
{
    private readonly ServeProcesses _servers = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LeakNotice_ServerKilledBeforeDelivery_IsDeliveredOnceAfterRestart(bool postgres)
    {
        if (postgres)
        {
            await _servers.UsePostgresAsync();
        }

        // The first server has no email configured, so the notice can only wait in the outbox.
        var (first, firstUrl) = await _servers.StartAsync();
        using var admin = await _servers.SignInAdminAsync(firstUrl);
        await ServeProcesses.JsonAsync(await admin.PostAsJsonAsync("api/admin/users", new { username = "alice", email = "alice@example.test", password = "correct horse battery staple" }));
        using var alice = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = firstUrl };
        var login = await ServeProcesses.JsonAsync(await alice.PostAsJsonAsync("api/auth/login", new { username = "alice", password = "correct horse battery staple" }));
        alice.DefaultRequestHeaders.Add("X-CSRF-Token", login.GetProperty("csrfToken").GetString());
        var token = (await ServeProcesses.JsonAsync(await alice.PostAsJsonAsync("api/settings/tokens", new { displayName = "ci" }))).GetProperty("token").GetString()!;

        Assert.Equal(HttpStatusCode.Accepted, (await new HttpClient { BaseAddress = firstUrl }.PostAsJsonAsync("api/credentials/revoke", new { credentials = new[] { token } })).StatusCode);
        await WaitUntilAsync(async () => (await WhoAmIAsync(firstUrl, token)) == HttpStatusCode.Unauthorized);
        first.Kill(); // SIGKILL: the revocation is committed, its notice not sent
        await first.WaitForExitAsync();
        await using (var db = _servers.OpenDb())
        {
            var waiting = await db.Outbox.AsNoTracking().SingleAsync();
            Assert.Null(waiting.DeliveredAt);
        }

        await using var smtp = new TestSmtpServer();
        var (_, secondUrl) = await _servers.StartAsync(smtp.Settings().SelectMany(s => new[] { "--" + s.Key, s.Value }).ToArray());
        var delivered = await smtp.WaitForAsync(m => m.To.ToString().Contains("alice@example.test", StringComparison.Ordinal));
        await new HttpClient { BaseAddress = secondUrl }.PostAsJsonAsync("api/credentials/revoke", new { credentials = new[] { token } });
        await smtp.WaitForAsync(_ => true, count: 2, seconds: 3); // a second email would arrive now

        var email = Assert.Single(delivered);
        Assert.Single(smtp.Messages);
        Assert.Contains("\"ci\"", email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(token, email.TextBody, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> WhoAmIAsync(Uri url, string token)
    {
        using var client = new HttpClient { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("api/whoami-v2")).StatusCode;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + ServeProcesses.Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The report was not handled in time");
            await Task.Delay(50);
        }
    }

    public void Dispose() => _servers.Dispose();
}
