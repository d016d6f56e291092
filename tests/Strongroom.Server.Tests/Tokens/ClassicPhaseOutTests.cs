using System.Net;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Tokens;

/// <summary>Classic tokens before and after the configured sunset, and when creation is closed.</summary>
public sealed class ClassicPhaseOutTests
{
    [Fact]
    public async Task ClassicToken_BeforeSunset_CarriesHeaders_AfterSunset_Gets401WithGuidance()
    {
        var sunset = DateTimeOffset.UtcNow.AddDays(30);
        await using var server = await TestServer.StartAsync(DbProvider.Sqlite, new Dictionary<string, string> { ["Tokens:Classic:SunsetAt"] = sunset.ToString("O") });
        var hub = new Hub(server);
        var alice = await hub.CreateUserAsync("alice");
        var (_, classic) = await Hub.CreateTokenAsync(alice, new { displayName = "c", role = "read" });
        var (_, fine) = await Hub.CreateTokenAsync(alice, new { displayName = "f" });
        using var classicClient = server.NewClient(classic);
        using var fineClient = server.NewClient(fine);

        var before = await classicClient.GetAsync("/api/whoami-v2");
        var fineBefore = await fineClient.GetAsync("/api/whoami-v2");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(before.Headers.Contains("Deprecation"));
        Assert.Equal(sunset.UtcDateTime.ToString("R"), before.Headers.GetValues("Sunset").Single());
        Assert.False(fineBefore.Headers.Contains("Deprecation"));

        server.Time.Advance(TimeSpan.FromDays(31));
        var after = await classicClient.GetAsync("/api/whoami-v2");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var body = await after.Content.ReadAsStringAsync();
        Assert.Contains("classic_token_retired", body, StringComparison.Ordinal);
        Assert.Contains("fine-grained", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fineClient.GetAsync("/api/whoami-v2")).StatusCode);
    }

    [Fact]
    public async Task CreateClassic_WhenCreationClosed_Gets400()
    {
        await using var server = await TestServer.StartAsync(DbProvider.Sqlite, new Dictionary<string, string> { ["Tokens:Classic:AllowCreate"] = "false" });
        var hub = new Hub(server);
        var alice = await hub.CreateUserAsync("alice");

        var response = await alice.Session.PostAsync("/api/settings/tokens", System.Net.Http.Json.JsonContent.Create(new { displayName = "c", role = "write" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("classic_tokens_disabled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
