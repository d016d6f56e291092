using System.Net.Http.Json;
using System.Text;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Security;

/// <summary>
/// After a full flow, the raw tokens and the password appear nowhere but the one response that issued
/// each token: not in the SQLite file (and its WAL), not in any log line, not in any later response.
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

        var database = await StoredText.ReadAsync(server);
        var logs = server.Logs.Text;

        // Assert
        Assert.True(database.Length > 0);
        Assert.Contains("token.rotate", logs + database, StringComparison.Ordinal); // the search space is real
        foreach (var secret in new[] { classic, fine, rotated, password, server.AdminPassword, server.InitialAdminPassword })
        {
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, responses.ToString(), StringComparison.Ordinal);
        }
    }
}
