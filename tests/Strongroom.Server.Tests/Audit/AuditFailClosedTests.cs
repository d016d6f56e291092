using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Audit;

/// <summary>An action and its audit event commit together: when the event cannot be written, the action fails and changes nothing.</summary>
public abstract class AuditFailClosedTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    [Fact]
    public async Task Revoke_AuditTableRefusesEvent_Answers5xxAndTokenStaysActive()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (id, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });

        HttpResponseMessage response;
        await using (await AuditFault.RefuseTargetAsync(fixture.Server, "token:" + id))
        {
            response = await alice.Session.DeleteAsync($"/api/settings/tokens/{id}");
        }

        Assert.True((int)response.StatusCode >= 500, $"revocation answered {(int)response.StatusCode} with its event unwritable");
        var stored = await StoredTokenAsync(id);
        Assert.Equal(TokenStatus.Active, stored.Status);
        Assert.Null(stored.RevokedAt);
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/whoami-v2")).StatusCode);
        Assert.Equal(0, await EventCountAsync("token.revoke", "token:" + id));
    }

    [Fact]
    public async Task Revoke_AuditTableWritable_RevokesAndRecordsOneEvent()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (id, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });

        var response = await alice.Session.DeleteAsync($"/api/settings/tokens/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TokenStatus.Revoked, (await StoredTokenAsync(id)).Status);
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/whoami-v2")).StatusCode);
        Assert.Equal(1, await EventCountAsync("token.revoke", "token:" + id));
    }

    [Fact]
    public async Task Rotate_AuditTableRefusesEvent_Answers5xxAndOldSecretStillWorks()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (id, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });
        var before = (await StoredTokenAsync(id)).Hash;

        HttpResponseMessage response;
        await using (await AuditFault.RefuseTargetAsync(fixture.Server, "token:" + id))
        {
            response = await alice.Session.PostAsync($"/api/settings/tokens/{id}/rotate", null);
        }

        Assert.True((int)response.StatusCode >= 500, $"rotation answered {(int)response.StatusCode} with its event unwritable");
        Assert.Equal(before, (await StoredTokenAsync(id)).Hash);
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/whoami-v2")).StatusCode);
    }

    private async Task<AccessToken> StoredTokenAsync(string id)
    {
        using var scope = fixture.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        return await db.Tokens.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private async Task<int> EventCountAsync(string action, string target)
    {
        using var scope = fixture.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        return await db.AuditEvents.CountAsync(e => e.Action == action && e.Target == target);
    }
}

public sealed class AuditFailClosedSqliteTests(SqliteServerFixture fixture) : AuditFailClosedTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AuditFailClosedPostgresTests(PostgresServerFixture fixture) : AuditFailClosedTests(fixture), IClassFixture<PostgresServerFixture>;
