using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Server.Features.Leaks;
using Strongroom.Server.Features.Notifications;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Security;

/// <summary>
/// After a full flow, the raw tokens, the password and a webhook's signing secret appear nowhere but the
/// one response that issued each: not in the SQLite file (and its WAL), not in any log line, not in any
/// later response.
/// </summary>
public sealed class NoSecretAtRestTests
{
    [Fact]
    public async Task FullFlow_LeavesNoRawTokenOrPasswordInDatabaseLogsOrResponses()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(DbProvider.Sqlite);
        var hub = new Hub(server);
        var responses = new StringBuilder();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var name = Hub.Unique("dana");
        var admin = await hub.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { username = name, email = name + "@example.test", password });
        responses.Append(await created.Content.ReadAsStringAsync());
        var session = await server.SignInAsync(name, password);
        var user = new TestUser(name, session);

        // Act: issue, use, rotate, revoke; keep every later response.
        var (classicId, classic) = await Hub.CreateTokenAsync(user, new { displayName = "c", role = "write" });
        var (fineId, fine) = await Hub.CreateTokenAsync(user, new { displayName = "f", fineGrained = new { scoped = new[] { new { entity = new { type = "user", name }, permissions = new[] { "repo.write", "repo.content.read" } } } } });
        using (var client = server.NewClient(classic))
        {
            responses.Append(await (await client.GetAsync("/api/whoami-v2")).Content.ReadAsStringAsync());
            responses.Append(await (await client.PostAsJsonAsync("/api/repos/create", new { name = "m", type = "model" })).Content.ReadAsStringAsync());
            responses.Append(await (await client.PostAsJsonAsync("/api/auth/check", new { permission = "repo.write", resource = new { type = "model", name = name + "/m" } })).Content.ReadAsStringAsync());
        }

        using (var client = server.NewClient(fine))
        {
            responses.Append(await (await client.GetAsync($"/api/models?author={name}")).Content.ReadAsStringAsync());
        }

        var rotate = await session.PostAsync($"/api/settings/tokens/{fineId}/rotate", null);
        var rotated = (await rotate.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
        using (var client = server.NewClient(rotated))
        {
            responses.Append(await (await client.GetAsync("/api/whoami-v2")).Content.ReadAsStringAsync());
        }

        responses.Append(await (await session.DeleteAsync($"/api/settings/tokens/{classicId}")).Content.ReadAsStringAsync());
        responses.Append(await session.GetStringAsync("/api/settings/tokens"));
        using (var client = server.NewClient(classic))
        {
            responses.Append(await (await client.GetAsync("/api/whoami-v2")).Content.ReadAsStringAsync());
        }

        // A webhook, signing a leak notice: its secret is opened to sign, never stored or logged in clear. Its
        // URL is on loopback, which deliveries refuse by default, so the attempt fails at connect time.
        var hook = await session.PostAsJsonAsync("/api/settings/webhooks", new { url = "http://127.0.0.1:9/hook" });
        var registered = await hook.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var webhookId = registered.GetProperty("id").GetString()!;
        var webhookSecret = registered.GetProperty("secret").GetString()!;
        var (_, leaked) = await Hub.CreateTokenAsync(user, new { displayName = "l" });
        responses.Append(await (await server.NewClient().PostAsJsonAsync("/api/credentials/revoke", new { credentials = new[] { leaked } })).Content.ReadAsStringAsync());
        await server.Services.GetRequiredService<LeakReportWorker>().DrainAsync(CancellationToken.None);
        await server.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(CancellationToken.None);
        responses.Append(await session.GetStringAsync("/api/settings/webhooks"));
        var deliveries = await session.GetStringAsync($"/api/settings/webhooks/{webhookId}/deliveries");
        responses.Append(deliveries);

        var database = await StoredText.ReadAsync(server);
        var logs = server.Logs.Text;

        // Assert
        Assert.True(database.Length > 0);
        Assert.Contains("token.rotate", logs + database, StringComparison.Ordinal); // the search space is real
        Assert.Contains("no public address", deliveries, StringComparison.Ordinal); // the attempt was made, and refused
        Assert.Contains(webhookId, database, StringComparison.Ordinal);
        foreach (var secret in new[] { classic, fine, rotated, password, server.AdminPassword, server.InitialAdminPassword, webhookSecret, webhookSecret[6..], leaked })
        {
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, responses.ToString(), StringComparison.Ordinal);
        }
    }
}
