using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Webhooks;
using Strongroom.Data;
using Strongroom.Server.Features.Leaks;
using Strongroom.Server.Features.Notifications;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Infrastructure.ApiAssert;

namespace Strongroom.Server.Tests.Webhooks;

/// <summary>
/// Webhooks end to end: registered through the API, fed by a real leak report, delivered to a real HTTP
/// listener whose requests the test checks against the signing secret it was given once.
/// </summary>
public abstract class WebhookTests(WebhookFixture fixture)
{
    private TestServer Server => fixture.Server;

    private TestWebhookReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task LeakedToken_UserWebhook_GetsExactlyOneSignedPost_AndTheSecretIsShownOnce()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var url = Receiver.NewUrl();
        var (id, secret) = await RegisterAsync(alice.Session, "/api/settings/webhooks", url, "pager");
        var (tokenId, token) = await Hub.CreateTokenAsync(alice, new { displayName = "ci-token" });

        await ReportAsync(token);
        var received = Assert.Single(await Receiver.WaitForAsync(url));
        // Reported again: the token is already leaked, so nothing more is sent.
        await ReportAsync(token);
        // Everything due is delivered now: a second POST, had one been queued, would be sent by this pass.
        await Server.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(CancellationToken.None);
        var listed = await alice.Session.GetStringAsync("/api/settings/webhooks");
        var deliveries = await JsonAsync(await alice.Session.GetAsync($"/api/settings/webhooks/{id}/deliveries"));

        Assert.Single(Receiver.For(url));
        Assert.StartsWith(WebhookSigningSecret.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal(WebhookSigningSecret.Prefix.Length + 32, secret.Length);
        Assert.Equal(Sign(secret, received.Body), received.Headers["X-Strongroom-Signature"]);
        Assert.NotEqual(Sign(secret + "x", received.Body), received.Headers["X-Strongroom-Signature"]); // the check can fail
        Assert.Equal("token.leaked", received.Headers["X-Strongroom-Event"]);
        Assert.StartsWith("application/json", received.Headers["Content-Type"], StringComparison.Ordinal);
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("token.leaked", body.GetProperty("type").GetString());
        Assert.Equal(received.Headers["X-Strongroom-Delivery"], body.GetProperty("id").GetString());
        var data = body.GetProperty("data");
        Assert.Equal(tokenId, data.GetProperty("token").GetProperty("id").GetString());
        Assert.Equal("ci-token", data.GetProperty("token").GetProperty("name").GetString());
        Assert.Equal(token[^4..], data.GetProperty("token").GetProperty("last4").GetString());
        Assert.Contains("reported publicly", data.GetProperty("foundIn").GetString(), StringComparison.Ordinal);
        Assert.Equal("revoked", data.GetProperty("actionTaken").GetString());
        Assert.True(data.GetProperty("nextSteps").GetArrayLength() > 0);
        Assert.DoesNotContain(token, Encoding.UTF8.GetString(received.Body), StringComparison.Ordinal);
        Assert.Contains(url, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", listed, StringComparison.OrdinalIgnoreCase);
        var attempt = Assert.Single(deliveries.EnumerateArray());
        Assert.True(attempt.GetProperty("delivered").GetBoolean());
        Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
        Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task FailingReceiver_IsRetriedAfterTheBackoff_AndEveryAttemptShowsInDeliveries()
    {
        var bob = await fixture.Hub.CreateUserAsync("bob");
        var url = Receiver.NewUrl();
        Receiver.Answer(url, 500);
        var (id, secret) = await RegisterAsync(bob.Session, "/api/settings/webhooks", url, null);
        var (_, token) = await Hub.CreateTokenAsync(bob, new { displayName = "t" });
        var delivery = Server.Services.GetRequiredService<NotificationDelivery>();

        await ReportAsync(token);
        await Receiver.WaitForAsync(url);
        var failed = await WaitForAttemptsAsync(bob, id, 1);
        // Not retried before its time, however often a pass runs.
        await delivery.DeliverDueAsync(CancellationToken.None);
        await delivery.DeliverDueAsync(CancellationToken.None);
        var beforeBackoff = Receiver.For(url).Count;
        var outbox = await OutboxRowAsync(id);
        Receiver.Answer(url, 200);
        Server.Time.Advance(TimeSpan.FromSeconds(31));
        delivery.Wake();
        var received = await Receiver.WaitForAsync(url, 2);
        var attempts = await WaitForAttemptsAsync(bob, id, 2);

        Assert.Equal(1, beforeBackoff);
        Assert.Equal(500, failed[0].GetProperty("statusCode").GetInt32());
        Assert.False(failed[0].GetProperty("delivered").GetBoolean());
        Assert.Equal("HTTP 500", failed[0].GetProperty("error").GetString());
        Assert.Equal(1, outbox.Attempts);
        Assert.True(outbox.NextAttemptAt - outbox.CreatedAt >= TimeSpan.FromSeconds(29), $"{outbox.CreatedAt:O} -> {outbox.NextAttemptAt:O}");
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Body, received[1].Body); // the same event, byte for byte
        Assert.Equal(received[0].Headers["X-Strongroom-Delivery"], received[1].Headers["X-Strongroom-Delivery"]);
        Assert.All(received, r => Assert.Equal(Sign(secret, r.Body), r.Headers["X-Strongroom-Signature"]));
        Assert.Equal([2, 1], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal([true, false], attempts.Select(a => a.GetProperty("delivered").GetBoolean()));
    }

    [Theory]
    [InlineData("ftp://hooks.example.test/x", "webhook_url_scheme")]
    [InlineData("file:///etc/passwd", "webhook_url_scheme")]
    [InlineData("https://user:pass@hooks.example.test/x", "webhook_url_credentials")]
    [InlineData("https://token@hooks.example.test/x", "webhook_url_credentials")]
    [InlineData("not a url", "invalid_webhook_url")]
    [InlineData("/relative/path", "invalid_webhook_url")]
    [InlineData("", "invalid_webhook_url")]
    [InlineData("https://hooks.example.test/#frag", "invalid_webhook_url")]
    [InlineData("LONG", "webhook_url_too_long")]
    public async Task Register_BadUrl_Is400WithAStableCode_AndNothingIsStored(string url, string code)
    {
        var carol = await fixture.Hub.CreateUserAsync("carol");
        if (url == "LONG")
        {
            url = "https://hooks.example.test/" + new string('a', 2000);
        }

        var refused = await JsonAsync(await carol.Session.PostAsJsonAsync("/api/settings/webhooks", new { url }), HttpStatusCode.BadRequest);

        Assert.Equal(code, refused.GetProperty("code").GetString());
        Assert.Empty((await JsonAsync(await carol.Session.GetAsync("/api/settings/webhooks"))).EnumerateArray());
    }

    [Fact]
    public async Task Manage_ByTokenOrBeyondTheCapOrSomeoneElses_IsRefused()
    {
        var dan = await fixture.Hub.CreateUserAsync("dan");
        var eve = await fixture.Hub.CreateUserAsync("eve");
        var (_, token) = await Hub.CreateTokenAsync(dan, new { displayName = "w", role = "write" });
        var ids = new List<string>();
        for (var i = 0; i < WebhookFixture.MaxPerOwner; i++)
        {
            ids.Add((await RegisterAsync(dan.Session, "/api/settings/webhooks", Receiver.NewUrl(), null)).Id);
        }

        var overCap = await JsonAsync(await dan.Session.PostAsJsonAsync("/api/settings/webhooks", new { url = Receiver.NewUrl() }), HttpStatusCode.BadRequest);
        var byToken = await JsonAsync(await Server.NewClient(token).PostAsJsonAsync("/api/settings/webhooks", new { url = Receiver.NewUrl() }), HttpStatusCode.Forbidden);
        var listByToken = await Server.NewClient(token).GetAsync("/api/settings/webhooks");
        var anonymous = await Server.NewClient().GetAsync("/api/settings/webhooks");
        var evesDelete = await eve.Session.DeleteAsync($"/api/settings/webhooks/{ids[0]}");
        var evesDeliveries = await eve.Session.GetAsync($"/api/settings/webhooks/{ids[0]}/deliveries");
        var deleted = await dan.Session.DeleteAsync($"/api/settings/webhooks/{ids[0]}");
        var again = await dan.Session.DeleteAsync($"/api/settings/webhooks/{ids[0]}");
        var listed = await JsonAsync(await dan.Session.GetAsync("/api/settings/webhooks"));

        Assert.Equal("too_many_webhooks", overCap.GetProperty("code").GetString());
        Assert.Equal("session_required", byToken.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, listByToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, evesDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, evesDeliveries.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(ids.Skip(1), listed.EnumerateArray().Select(w => w.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task OrgWebhooks_AdminManages_OtherMembersAndOutsidersAreRefused()
    {
        var admin = await fixture.Hub.CreateUserAsync("orgadmin");
        var writer = await fixture.Hub.CreateUserAsync("writer");
        var org = await fixture.Hub.CreateOrgAsync(admin);
        await Hub.SetMemberAsync(admin, org, writer, "write");
        var path = $"/api/organizations/{org}/settings/webhooks";

        var (id, _) = await RegisterAsync(admin.Session, path, Receiver.NewUrl(), "org pager");
        var writerPost = await writer.Session.PostAsJsonAsync(path, new { url = Receiver.NewUrl() });
        var writerList = await writer.Session.GetAsync(path);
        var writerDelete = await writer.Session.DeleteAsync($"{path}/{id}");
        var writerDeliveries = await writer.Session.GetAsync($"{path}/{id}/deliveries");
        var noSuchOrg = await admin.Session.GetAsync("/api/organizations/no-such-org-" + Guid.NewGuid().ToString("N")[..6] + "/settings/webhooks");
        var adminsOwn = await JsonAsync(await admin.Session.GetAsync("/api/settings/webhooks"));
        var orgList = await JsonAsync(await admin.Session.GetAsync(path));

        Assert.Equal(HttpStatusCode.Forbidden, writerPost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writerList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writerDelete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writerDeliveries.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSuchOrg.StatusCode);
        Assert.Empty(adminsOwn.EnumerateArray()); // an org's webhooks are not its admin's own
        Assert.Equal(id, Assert.Single(orgList.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Session.DeleteAsync($"{path}/{id}")).StatusCode);
    }

    [Fact]
    public async Task QueueWebhookEvent_ForAnOrg_ReachesItsWebhooksOnce_AndTheSameCauseCannotBeQueuedTwice()
    {
        var admin = await fixture.Hub.CreateUserAsync("orgadmin");
        var org = await fixture.Hub.CreateOrgAsync(admin);
        var url = Receiver.NewUrl();
        var (_, secret) = await RegisterAsync(admin.Session, $"/api/organizations/{org}/settings/webhooks", url, null);
        var orgId = await WithDbAsync(db => db.Organizations.Where(o => o.Name == org).Select(o => o.Id).SingleAsync());
        var cause = "test.event:" + Guid.NewGuid().ToString("N");

        var queued = await QueueAsync(orgId, cause);
        Server.Services.GetRequiredService<NotificationDelivery>().Wake();
        var received = Assert.Single(await Receiver.WaitForAsync(url));
        var twice = await Record.ExceptionAsync(() => QueueAsync(orgId, cause));

        Assert.Equal(1, queued);
        Assert.Equal(Sign(secret, received.Body), received.Headers["X-Strongroom-Signature"]);
        Assert.Equal("org.test", received.Headers["X-Strongroom-Event"]);
        Assert.IsType<DbUpdateException>(twice);
        Assert.Single(Receiver.For(url));
    }

    private async Task<int> QueueAsync(string orgId, string cause)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<QueueWebhookEvent>();
        var queued = await queue.ExecuteAsync(orgId, "org.test", cause, new { detail = "x" }, Server.Time.GetUtcNow(), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<StrongroomDb>().SaveChangesAsync();
        return queued;
    }

    private async Task ReportAsync(string token)
    {
        var answer = await Server.NewClient().PostAsJsonAsync("/api/credentials/revoke", new { credentials = new[] { token } });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await Server.Services.GetRequiredService<LeakReportWorker>().DrainAsync(CancellationToken.None);
    }

    private async Task<List<JsonElement>> WaitForAttemptsAsync(TestUser user, string id, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var attempts = (await JsonAsync(await user.Session.GetAsync($"/api/settings/webhooks/{id}/deliveries"))).EnumerateArray().ToList();
            if (attempts.Count >= count || DateTime.UtcNow > until)
            {
                return attempts;
            }

            await Task.Delay(50);
        }
    }

    private Task<Strongroom.Core.Notifications.OutboxMessage> OutboxRowAsync(string webhookId) =>
        WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Recipient == webhookId));

    private async Task<T> WithDbAsync<T>(Func<StrongroomDb, Task<T>> query)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StrongroomDb>());
    }

    internal static async Task<(string Id, string Secret)> RegisterAsync(HttpClient session, string path, string url, string? description)
    {
        var created = await JsonAsync(await session.PostAsJsonAsync(path, new { url, description }), HttpStatusCode.Created);
        Assert.Equal(url, created.GetProperty("url").GetString());
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    /// <summary>Computed here, independently of the server's code, as a receiver would.</summary>
    internal static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

public sealed class WebhookSqliteTests(SqliteWebhookFixture fixture) : WebhookTests(fixture), IClassFixture<SqliteWebhookFixture>;

public sealed class WebhookPostgresTests(PostgresWebhookFixture fixture) : WebhookTests(fixture), IClassFixture<PostgresWebhookFixture>;
