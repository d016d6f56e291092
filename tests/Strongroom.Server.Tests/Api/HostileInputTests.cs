using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Api;

/// <summary>Hostile or malformed input gets a clear 4xx with a stable code, never a stack trace.</summary>
public sealed class HostileInputTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task MalformedJson_Gets400WithCodeAndNoStackTrace()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");

        var marker = "malformed-" + Guid.NewGuid().ToString("N");
        var response = await alice.Session.PostAsync("/api/settings/tokens", new StringContent("{\"displayName\": \"" + marker + "\", ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"invalid_request\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        // The client's mistake is not logged as a server error with a stack trace, nor is its body.
        Assert.DoesNotContain(fixture.Server.Logs.Text.Split('\n'), line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("BadHttpRequestException", StringComparison.Ordinal));
        Assert.DoesNotContain(marker, fixture.Server.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var huge = new string('a', 2 * 1024 * 1024);

        // Expect: 100-continue, as a careful client sends a large body: the server refuses on the headers alone,
        // so the test does not race the server closing the connection against the client still writing.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/settings/tokens")
        {
            Content = new StringContent($"{{\"displayName\":\"{huge}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        var response = await alice.Session.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task CookieRequestWithoutCsrf_Gets403()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        using var client = fixture.Server.NewClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = alice.Name, password = Hub.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var response = await client.PostAsJsonAsync("/api/settings/tokens", new { displayName = "t" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("csrf_required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailedLogins_Get429()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        using var client = fixture.Server.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { username = alice.Name, password = "wrong password" + i })).StatusCode);
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal((HttpStatusCode)429, statuses[5]);
        var right = await client.PostAsJsonAsync("/api/auth/login", new { username = alice.Name, password = Hub.Password });
        Assert.Equal((HttpStatusCode)429, right.StatusCode);
    }

    [Theory]
    [InlineData("-bad")]
    [InlineData("a--b")]
    [InlineData("x.git")]
    [InlineData("has space")]
    [InlineData("")]
    public async Task CreateRepo_BadName_Gets400(string name)
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");

        var response = await alice.Session.PostAsJsonAsync("/api/repos/create", new { name, type = "model" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_repo_name", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_UnknownPermissionOrForeignOrg_Gets400()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var bob = await fixture.Hub.CreateUserAsync("bob");
        var org = await fixture.Hub.CreateOrgAsync(bob);

        var unknown = await alice.Session.PostAsJsonAsync("/api/settings/tokens", new { displayName = "t", fineGrained = new { global = new[] { "repo.everything" } } });
        var foreign = await alice.Session.PostAsJsonAsync("/api/settings/tokens", new { displayName = "t", fineGrained = new { scoped = new[] { new { entity = new { type = "org", name = org }, permissions = new[] { "repo.write" } } } } });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("unknown_permission", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("invalid_grant", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Gets404Json_AndOpenApiAndHealthAreServed()
    {
        using var client = fixture.Server.NewClient();

        var missing = await client.GetAsync("/api/no-such-thing");
        var openapi = await client.GetStringAsync("/openapi/v1.json");
        var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("not_found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/api/whoami-v2", openapi, StringComparison.Ordinal);
        Assert.Contains("/api/settings/tokens", openapi, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AuthCheck_AnswersWithTheSameDecisionAsTheEndpoints()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        await Hub.CreateRepoAsync(alice, alice.Name, "m", isPrivate: true);
        var (_, reader) = await Hub.CreateTokenAsync(alice, new { displayName = "r", role = "read" });
        using var client = fixture.Server.NewClient(reader);

        var read = await client.PostAsJsonAsync("/api/auth/check", new { permission = "repo.content.read", resource = new { type = "model", name = alice.Name + "/m" } });
        var write = await client.PostAsJsonAsync("/api/auth/check", new { permission = "repo.write", resource = new { type = "model", name = alice.Name + "/m" } });

        Assert.Contains("\"allowed\":true", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var denied = await write.Content.ReadAsStringAsync();
        Assert.Contains("\"allowed\":false", denied, StringComparison.Ordinal);
        Assert.Contains("\"status\":403", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denials_ByAKnownCallerAreAudited_AnonymousProbesOfNothingAreNot()
    {
        var owner = await fixture.Hub.CreateUserAsync("owner");
        var secretRepo = Hub.Unique("hidden");
        await Hub.CreateRepoAsync(owner, owner.Name, secretRepo, isPrivate: true);
        var stranger = await fixture.Hub.CreateUserAsync("stranger");
        var missing = Hub.Unique("nothing");

        var anonymousMissing = await fixture.Server.NewClient().GetAsync($"/api/models/{owner.Name}/{missing}");
        var anonymousPrivate = await fixture.Server.NewClient().GetAsync($"/api/models/{owner.Name}/{secretRepo}");
        var strangerPrivate = await stranger.Session.GetAsync($"/api/models/{owner.Name}/{secretRepo}");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousMissing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPrivate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerPrivate.StatusCode);
        await fixture.Server.Services.GetRequiredService<AnonymousDenialsFlush>().FlushAsync(CancellationToken.None);
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Strongroom.Data.StrongroomDb>();
        var denials = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "authz.deny" && e.Target!.Contains(owner.Name)).ToListAsync();
        Assert.DoesNotContain(denials, e => e.Target!.Contains(missing, StringComparison.Ordinal));
        Assert.Single(denials, e => e.ActorUserId is null && e.Target!.Contains(secretRepo, StringComparison.Ordinal));
        Assert.Single(denials, e => e.ActorUserId is not null && e.Target!.Contains(secretRepo, StringComparison.Ordinal));
    }
}
