using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Sessions;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Api;

/// <summary>
/// Sign-in throttling through the API, behind a trusted proxy on loopback so that each request can come
/// from its own client address: a guesser is slowed down, the owner is never locked out, and concurrent
/// attempts cannot slip past the count.
/// </summary>
public abstract class SignInThrottleTests(ServerFixture fixture)
{
    private const string Owner = "10.1.1.1";

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task OwnerFromAKnownSource_UnderAGuessingAttackFromOtherAddresses_SignsInNormally()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(alice.Name, Hub.Password, Owner)).StatusCode);

        // One address past its own allowance, and many addresses past the account's.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginThrottle.FreeFailuresPerAccount + 10; i++)
        {
            statuses.Add((await LoginAsync(alice.Name, "guess" + i, "203.0.113." + (i % 10))).StatusCode);
        }

        Assert.Contains((HttpStatusCode)429, statuses);
        Assert.Equal((HttpStatusCode)429, (await LoginAsync(alice.Name, Hub.Password, "198.51.100.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(alice.Name, Hub.Password, Owner)).StatusCode);
    }

    [Fact]
    public async Task Guesser_IsSlowedWithGrowingDelays_AndMayTryAgainOnceTheDelayHasPassed()
    {
        var bob = await fixture.Hub.CreateUserAsync("bob");
        var guesser = "192.0.2." + Random.Shared.Next(1, 250);
        for (var i = 0; i < LoginThrottle.FreeFailuresPerPair; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(bob.Name, "guess" + i, guesser)).StatusCode);
        }

        var refused = await LoginAsync(bob.Name, "next guess", guesser);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 2);

        Server.Time.Advance(TimeSpan.FromSeconds(wait));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(bob.Name, "after the wait", guesser)).StatusCode);
        var longer = await LoginAsync(bob.Name, "too soon", guesser);
        Assert.Equal((HttpStatusCode)429, longer.StatusCode);
        Assert.True(int.Parse(longer.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= wait);
    }

    [Fact]
    public async Task ConcurrentGuesses_GetNoMoreThanTheFreeFailures()
    {
        var carol = await fixture.Hub.CreateUserAsync("carol");
        var guesser = "198.18.0." + Random.Shared.Next(1, 250);

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => LoginAsync(carol.Name, "guess" + i, guesser)));

        Assert.Equal(LoginThrottle.FreeFailuresPerPair, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(60 - LoginThrottle.FreeFailuresPerPair, responses.Count(r => r.StatusCode == (HttpStatusCode)429));
    }

    [Fact]
    public async Task ForwardedProtoHttps_FromTheTrustedProxy_MakesTheSessionCookieSecure()
    {
        var dave = await fixture.Hub.CreateUserAsync("dave");
        using var client = Server.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { username = dave.Name, password = Hub.Password }) };
        request.Headers.Add("X-Forwarded-For", Owner);
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("strongroom_session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FailedSignIn_OfAnUnknownName_StoresNotTheTypedName()
    {
        var typed = "Hunter2-" + Guid.NewGuid().ToString("N"); // a password typed into the name field

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(typed, "whatever", "10.9.9.9")).StatusCode);

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Strongroom.Data.StrongroomDb>();
        var rows = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "auth.login" && e.Ip == "10.9.9.9").ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal("failure", row.Outcome);
        Assert.DoesNotContain(typed.ToLowerInvariant(), (row.Target + row.DetailsJson).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.DoesNotContain(typed[8..], await StoredText.ReadAsync(Server), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpResponseMessage> LoginAsync(string username, string password, string from)
    {
        using var client = Server.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", from);
        return await client.SendAsync(request);
    }
}

public sealed class SignInThrottleSqliteTests(SqliteBehindProxyFixture fixture) : SignInThrottleTests(fixture), IClassFixture<SqliteBehindProxyFixture>;

public sealed class SignInThrottlePostgresTests(PostgresBehindProxyFixture fixture) : SignInThrottleTests(fixture), IClassFixture<PostgresBehindProxyFixture>;
