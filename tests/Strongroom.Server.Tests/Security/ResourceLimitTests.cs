using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Security;

/// <summary>Bounds on what one user can make (tokens, sessions), and the embedded database's file modes. Each test has its own server: some move its clock.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ResourceLimitTests
{
    [Fact]
    public async Task CreateToken_BeyondTheActiveLimit_Gets400_UntilOneIsRevoked()
    {
        await using var server = await TestServer.StartAsync(DbProvider.Sqlite, new Dictionary<string, string> { ["Tokens:MaxActivePerUser"] = "3" });
        var alice = await new Hub(server).CreateUserAsync("alice");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Hub.CreateTokenAsync(alice, new { displayName = "t" + i })).Id);
        }

        var fourth = await alice.Session.PostAsJsonAsync("/api/settings/tokens", new { displayName = "t3" });
        Assert.Equal(HttpStatusCode.BadRequest, fourth.StatusCode);
        Assert.Contains("too_many_tokens", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.Session.DeleteAsync($"/api/settings/tokens/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await alice.Session.PostAsJsonAsync("/api/settings/tokens", new { displayName = "t4" })).StatusCode);
    }

    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task Sessions_AUserKeepsAtMostTheLimit_AndExpiredOnesAreSwept(DbProvider provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        var alice = await new Hub(server).CreateUserAsync("alice");
        var first = await server.SignInAsync(alice.Name, Hub.Password);
        for (var i = 0; i < SessionSweep.MaxPerUser + 3; i++)
        {
            (await server.SignInAsync(alice.Name, Hub.Password)).Dispose();
        }

        Assert.Equal(SessionSweep.MaxPerUser, await SessionsOfAsync(server, alice.Name));
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/whoami-v2")).StatusCode); // the oldest ended

        // The clock passes the sessions' lifetime (the background sweep may run first; either way none is left).
        server.Time.Advance(SessionCookie.Lifetime + TimeSpan.FromMinutes(1));
        await server.Services.GetRequiredService<SessionSweep>().SweepAsync(CancellationToken.None);

        Assert.Equal(0, await SessionsOfAsync(server, alice.Name));
    }

    private static async Task<int> SessionsOfAsync(TestServer server, string userName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var id = await db.Users.Where(u => u.Name == userName).Select(u => u.Id).SingleAsync();
        return await db.Sessions.CountAsync(s => s.UserId == id);
    }

    [Fact]
    public async Task EmbeddedDatabaseFiles_AreReadableByTheirOwnerOnly()
    {
        await using var server = await TestServer.StartAsync(DbProvider.Sqlite);
        await new Hub(server).CreateUserAsync("alice"); // writes, so the WAL exists

        var files = Directory.GetFiles(server.DataDirectory, "strongroom.db*");

        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }
}
