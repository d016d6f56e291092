using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Tokens;

/// <summary>Token life cycle through the API: expiry, revocation, rotation, membership, session-only management.</summary>
public abstract class TokenLifecycleTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    [Fact]
    public async Task Whoami_WithNewToken_ReturnsOwnerAndTokenShape()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "laptop", fineGrained = new { global = new[] { "discussion.write" } } });

        using var client = fixture.Server.NewClient(token);
        var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/whoami-v2");

        Assert.Equal("user", me.GetProperty("type").GetString());
        Assert.Equal(alice.Name, me.GetProperty("name").GetString());
        Assert.Equal("access_token", me.GetProperty("auth").GetProperty("type").GetString());
        Assert.Equal("laptop", me.GetProperty("auth").GetProperty("accessToken").GetProperty("displayName").GetString());
        Assert.Equal("fineGrained", me.GetProperty("auth").GetProperty("accessToken").GetProperty("role").GetString());
        Assert.Equal("discussion.write", me.GetProperty("auth").GetProperty("accessToken").GetProperty("fineGrained").GetProperty("global")[0].GetString());
    }

    [Fact]
    public async Task Token_AfterRevoke_Gets401()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (id, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/whoami-v2")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.Session.DeleteAsync($"/api/settings/tokens/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/whoami-v2")).StatusCode);
    }

    [Fact]
    public async Task Token_AfterRotate_OldGets401AndNewWorks()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (id, old) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "write" });
        using (var warm = fixture.Server.NewClient(old))
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/api/whoami-v2")).StatusCode); // now cached on this node
        }

        var response = await alice.Session.PostAsync($"/api/settings/tokens/{id}/rotate", null);
        var rotated = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var fresh = rotated.GetProperty("token").GetString()!;

        Assert.Equal(id, rotated.GetProperty("id").GetString());
        Assert.NotEqual(old, fresh);
        using var oldClient = fixture.Server.NewClient(old);
        using var newClient = fixture.Server.NewClient(fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldClient.GetAsync("/api/whoami-v2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync("/api/whoami-v2")).StatusCode);
    }

    [Fact]
    public async Task Token_AfterExpiry_Gets401WithExpiredCode()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var expires = fixture.Server.Time.GetUtcNow().AddHours(1);
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read", expiresAt = expires });
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/whoami-v2")).StatusCode);

        fixture.Server.Time.Advance(TimeSpan.FromHours(2));

        var response = await client.GetAsync("/api/whoami-v2");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("token_expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadChecksum_Gets401()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });
        var mutated = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');

        using var client = fixture.Server.NewClient(mutated);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/whoami-v2")).StatusCode);
    }

    [Fact]
    public async Task RemovingMember_RemovesTokenAccessOnNextRequest()
    {
        var bob = await Hub.CreateUserAsync("bob");
        var alice = await Hub.CreateUserAsync("alice");
        var org = await Hub.CreateOrgAsync(bob);
        await Hub.SetMemberAsync(bob, org, alice, "write");
        await Hub.CreateRepoAsync(bob, org, "weights", isPrivate: true);
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "write" });
        using var client = fixture.Server.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await bob.Session.DeleteAsync($"/api/organizations/{org}/members/{alice.Name}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/models/{org}/weights")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/settings/tokens")]
    [InlineData("POST", "/api/settings/tokens")]
    [InlineData("DELETE", "/api/settings/tokens/0123456789abcdef01234567")]
    [InlineData("POST", "/api/settings/tokens/0123456789abcdef01234567/rotate")]
    public async Task TokenManagement_WithBearerToken_IsRefused(string method, string path)
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "write" });
        using var client = fixture.Server.NewClient(token);

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { displayName = "x", role = "write" }) };
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("session_required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await alice.Session.GetFromJsonAsync<System.Text.Json.JsonElement[]>("/api/settings/tokens"))!);
    }

    [Fact]
    public async Task OrgRequiringFineGrained_RefusesClassicTokenButNotFineGrained()
    {
        var bob = await Hub.CreateUserAsync("bob");
        var alice = await Hub.CreateUserAsync("alice");
        var org = await Hub.CreateOrgAsync(bob);
        await Hub.SetMemberAsync(bob, org, alice, "read");
        await Hub.CreateRepoAsync(bob, org, "weights", isPrivate: true);
        var (_, classic) = await Hub.CreateTokenAsync(alice, new { displayName = "c", role = "read" });
        var (_, fine) = await Hub.CreateTokenAsync(alice, new { displayName = "f", fineGrained = new { scoped = new[] { new { entity = new { type = "org", name = org }, permissions = new[] { "repo.content.read" } } } } });

        var policy = await bob.Session.PutAsJsonAsync($"/api/organizations/{org}/settings/token-policy", new { requireFineGrained = true, maxLifetimeDays = (int?)null });
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);

        using var classicClient = fixture.Server.NewClient(classic);
        using var fineClient = fixture.Server.NewClient(fine);
        Assert.Equal(HttpStatusCode.Forbidden, (await classicClient.GetAsync($"/api/models/{org}/weights")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fineClient.GetAsync($"/api/models/{org}/weights")).StatusCode);
    }

    [Fact]
    public async Task TokenList_ShowsLastUseAndStatusButNeverTheToken()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (id, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });
        using var client = fixture.Server.NewClient(token);
        await client.GetAsync("/api/whoami-v2");
        await fixture.Server.Services.GetRequiredService<TokenUsesFlush>().FlushAsync(CancellationToken.None); // last use is written off the request path

        var text = await alice.Session.GetStringAsync("/api/settings/tokens");

        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        var listed = json.RootElement.EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal("active", listed.GetProperty("status").GetString());
        Assert.Equal(token[^4..], listed.GetProperty("last4").GetString());
        Assert.Equal("127.0.0.1", listed.GetProperty("lastUsedIp").GetString());
    }
}

public sealed class TokenLifecycleSqliteTests(SqliteServerFixture fixture) : TokenLifecycleTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TokenLifecyclePostgresTests(PostgresServerFixture fixture) : TokenLifecycleTests(fixture), IClassFixture<PostgresServerFixture>;
