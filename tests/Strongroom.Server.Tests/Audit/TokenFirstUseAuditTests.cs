using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Audit;

/// <summary>
/// A token's first use from each address on a day is an audit event (<c>token.use</c>) naming the owner,
/// the token id and the address, never the token; further uses from that address the same day are not.
/// </summary>
public abstract class TokenFirstUseAuditTests(ServerFixture fixture)
{
    [Fact]
    public async Task UsesFromTwoAddresses_AreTwoEvents_OnePerAddress_AttributedToTheOwner()
    {
        var user = await fixture.Hub.CreateUserAsync("traveller");
        var (id, token) = await Hub.CreateTokenAsync(user, new { displayName = "laptop", role = "read" });
        var first = "198.51.100." + Random.Shared.Next(1, 250);
        var second = "203.0.113." + Random.Shared.Next(1, 250);

        foreach (var from in new[] { first, first, second, first, second })
        {
            Assert.Equal(HttpStatusCode.OK, await WhoAmIAsync(token, from));
        }

        await fixture.Server.Services.GetRequiredService<TokenFirstUsesFlush>().FlushAsync(CancellationToken.None);
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Strongroom.Data.StrongroomDb>();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "token.use" && e.TokenId == id).ToListAsync();
        var owner = await db.Users.Where(u => u.Name == user.Name).Select(u => u.Id).SingleAsync();

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), events.Select(e => e.Ip!).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal(owner, e.ActorUserId));
        Assert.All(events, e => Assert.Equal("first-use-test", e.UserAgent));
        Assert.All(events, e => Assert.DoesNotContain(token, e.DetailsJson + e.Target + e.UserAgent, StringComparison.Ordinal));
    }

    private async Task<HttpStatusCode> WhoAmIAsync(string token, string from)
    {
        using var client = fixture.Server.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami-v2");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Forwarded-For", from);
        request.Headers.UserAgent.ParseAdd("first-use-test");
        return (await client.SendAsync(request)).StatusCode;
    }
}

public sealed class TokenFirstUseAuditSqliteTests(SqliteBehindProxyFixture fixture) : TokenFirstUseAuditTests(fixture), IClassFixture<SqliteBehindProxyFixture>;

public sealed class TokenFirstUseAuditPostgresTests(PostgresBehindProxyFixture fixture) : TokenFirstUseAuditTests(fixture), IClassFixture<PostgresBehindProxyFixture>;
