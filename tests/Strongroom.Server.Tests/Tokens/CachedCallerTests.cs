using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Tokens;

/// <summary>
/// A verified token is cached with its owner and the owner's memberships; whatever the cache holds, a change
/// applies from the next request on. Each test warms the cache with a request first.
/// </summary>
public abstract class CachedCallerTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    [Fact]
    public async Task Whoami_CachedToken_QueriesNeitherTokensNorMemberships()
    {
        var bob = await Hub.CreateUserAsync("bob");
        var org = await Hub.CreateOrgAsync(bob);
        var (_, token) = await Hub.CreateTokenAsync(bob, new { displayName = "t", role = "read" });
        using var client = fixture.Server.NewClient(token);
        var start = SqlStatements.Mark();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/whoami-v2")).StatusCode);
        var mark = SqlStatements.Mark();

        var me = await client.GetFromJsonAsync<JsonElement>("/api/whoami-v2");

        Assert.Equal(org, me.GetProperty("orgs")[0].GetProperty("name").GetString());
        Assert.Equal("admin", me.GetProperty("orgs")[0].GetProperty("roleInOrg").GetString());
        Assert.True(SqlStatements.Of(fixture.Server, start, mark).Any(s => SqlStatements.Touches(s, "tokens")), string.Join("\n", SqlStatements.Of(fixture.Server, start))); // the first request looked it up
        Assert.DoesNotContain(SqlStatements.Of(fixture.Server, mark), s => SqlStatements.Touches(s, "tokens") || SqlStatements.Touches(s, "memberships"));
    }

    [Fact]
    public async Task OrgRepo_CachedToken_ReadsNeitherMembershipNorRepository()
    {
        var (bob, org, _) = await OrgWithPrivateRepoAsync();
        var (_, token) = await Hub.CreateTokenAsync(bob, new { displayName = "t", role = "read" });
        using var client = fixture.Server.NewClient(token);
        var start = SqlStatements.Mark();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);
        var mark = SqlStatements.Mark();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);

        Assert.Contains(SqlStatements.Of(fixture.Server, start, mark), s => SqlStatements.Touches(s, "repositories")); // the first request looked it up
        Assert.DoesNotContain(SqlStatements.Of(fixture.Server, mark), s => SqlStatements.Touches(s, "memberships") || SqlStatements.Touches(s, "repositories"));
    }

    [Fact]
    public async Task HotEndpoints_CachedTokenAndRepo_LeaseNoDatabaseContext()
    {
        var (bob, org, _) = await OrgWithPrivateRepoAsync();
        var (_, token) = await Hub.CreateTokenAsync(bob, new { displayName = "t", role = "read" });
        using var client = fixture.Server.NewClient(token);
        var paths = new[] { "/api/whoami-v2", $"/api/models/{org}/weights", "/api/auth/check" };
        await RequestAllAsync();
        var leased = fixture.Server.ContextLeases;
        Assert.Contains(leased, paths.Contains); // the first round looked the token up, and the repository
        var mark = leased.Count;

        await RequestAllAsync();

        Assert.DoesNotContain(fixture.Server.ContextLeases.Skip(mark), paths.Contains);

        async Task RequestAllAsync()
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(paths[0])).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(paths[1])).StatusCode);
            var check = await client.PostAsJsonAsync(paths[2], new { permission = "repo.content.read", resource = new { type = "model", name = $"{org}/weights" } });
            Assert.True((await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowed").GetBoolean());
        }
    }

    [Fact]
    public async Task PublicRepo_Anonymous_IsLookedUpEveryTime()
    {
        var bob = await Hub.CreateUserAsync("bob");
        await Hub.CreateRepoAsync(bob, bob.Name, "open", isPrivate: false);
        using var anonymous = fixture.Server.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/models/{bob.Name}/open")).StatusCode);
        var mark = SqlStatements.Mark();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/models/{bob.Name}/open")).StatusCode);

        // Nothing anonymous is cached, so an absent and a private repository keep costing an outsider the same.
        Assert.Contains(SqlStatements.Of(fixture.Server, mark), s => SqlStatements.Touches(s, "repositories"));
    }

    [Fact]
    public async Task MemberRemoved_CachedToken_LosesOrgOnNextRequest()
    {
        var (bob, org, alice) = await OrgWithPrivateRepoAsync();
        var (_, token) = await Hub.CreateTokenAsync(alice!, new { displayName = "t", role = "read" });
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/whoami-v2")).GetProperty("orgs").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await bob.Session.DeleteAsync($"/api/organizations/{org}/members/{alice!.Name}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/whoami-v2")).GetProperty("orgs").GetArrayLength());
    }

    [Fact]
    public async Task MemberAdded_CachedToken_GainsOrgOnNextRequest()
    {
        var (bob, org, _) = await OrgWithPrivateRepoAsync(withMember: false);
        var alice = await Hub.CreateUserAsync("alice");
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);

        await Hub.SetMemberAsync(bob, org, alice, "read");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);
    }

    [Fact]
    public async Task RepoMadePrivate_CachedToken_HiddenOnNextRequest()
    {
        var bob = await Hub.CreateUserAsync("bob");
        await Hub.CreateRepoAsync(bob, bob.Name, "open", isPrivate: false);
        var alice = await Hub.CreateUserAsync("alice");
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", fineGrained = new { global = new[] { "repo.content.read" } } });
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/models/{bob.Name}/open")).StatusCode);

        var settings = await bob.Session.PutAsJsonAsync($"/api/models/{bob.Name}/open/settings", new { visibility = "private" });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/models/{bob.Name}/open")).StatusCode);
    }

    [Fact]
    public async Task OrgPolicyChanged_CachedToken_AppliesOnNextRequest()
    {
        var (bob, org, alice) = await OrgWithPrivateRepoAsync();
        var (_, classic) = await Hub.CreateTokenAsync(alice!, new { displayName = "c", role = "read" });
        using var client = fixture.Server.NewClient(classic);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);

        var policy = await bob.Session.PutAsJsonAsync($"/api/organizations/{org}/settings/token-policy", new { requireFineGrained = true, maxLifetimeDays = (int?)null });
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);

        var response = await client.GetAsync($"/api/models/{org}/weights");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("org_requires_fine_grained", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastUse_IsWrittenByTheFlush()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (id, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/whoami-v2")).StatusCode);

        await fixture.Server.Services.GetRequiredService<TokenUsesFlush>().FlushAsync(CancellationToken.None);

        var listed = (await alice.Session.GetFromJsonAsync<JsonElement[]>("/api/settings/tokens"))!.Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal("127.0.0.1", listed.GetProperty("lastUsedIp").GetString());
    }

    /// <summary>An org of bob's with a private model "weights" and, unless told otherwise, alice as a read member.</summary>
    private async Task<(TestUser Bob, string Org, TestUser? Alice)> OrgWithPrivateRepoAsync(bool withMember = true)
    {
        var bob = await Hub.CreateUserAsync("bob");
        var org = await Hub.CreateOrgAsync(bob);
        await Hub.CreateRepoAsync(bob, org, "weights", isPrivate: true);
        if (!withMember)
        {
            return (bob, org, null);
        }

        var alice = await Hub.CreateUserAsync("alice");
        await Hub.SetMemberAsync(bob, org, alice, "read");
        return (bob, org, alice);
    }
}

public sealed class CachedCallerSqliteTests(SqliteServerFixture fixture) : CachedCallerTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class CachedCallerPostgresTests(PostgresServerFixture fixture) : CachedCallerTests(fixture), IClassFixture<PostgresServerFixture>;
