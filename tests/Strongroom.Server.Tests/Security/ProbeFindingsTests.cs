using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Security;

/// <summary>
/// What an outside probe of a running server found, one test (or a few) per finding, on both databases.
/// Sign-in throttling has its own class (<c>SignInThrottleTests</c>); every endpoint under mixed case and
/// hostile JSON bodies have theirs (<c>PathCaseTests</c>, <c>HostileJsonTests</c>).
/// </summary>
public abstract class ProbeFindingsTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("alice\n")]
    [InlineData("api\n")]
    [InlineData("m1\n")]
    [InlineData("ok\r")]
    public async Task Names_WithATrailingNewline_AreRefusedForUsersOrgsAndRepositories(string name)
    {
        var admin = await Hub.AdminAsync();
        var alice = await Hub.CreateUserAsync("alice");

        var user = await admin.PostAsJsonAsync("/api/admin/users", new { username = name, email = "n@example.test", password = Hub.Password });
        var org = await alice.Session.PostAsJsonAsync("/api/organizations", new { name });
        var repo = await alice.Session.PostAsJsonAsync("/api/repos/create", new { name, type = "model" });

        Assert.Equal(HttpStatusCode.BadRequest, user.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, org.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, repo.StatusCode);
    }

    [Fact]
    public async Task Names_ThatDifferOnlyInCase_AreTakenAcrossUsersAndOrgs()
    {
        var admin = await Hub.AdminAsync();
        var alice = await Hub.CreateUserAsync("alice");
        var orgName = await Hub.CreateOrgAsync(alice);

        var upperUser = await admin.PostAsJsonAsync("/api/admin/users", new { username = alice.Name.ToUpperInvariant(), email = "u@example.test", password = Hub.Password });
        var upperAdmin = await admin.PostAsJsonAsync("/api/admin/users", new { username = "ADMIN", email = "a@example.test", password = Hub.Password });
        var userLikeOrg = await admin.PostAsJsonAsync("/api/admin/users", new { username = orgName.ToUpperInvariant(), email = "o@example.test", password = Hub.Password });
        var orgLikeUser = await alice.Session.PostAsJsonAsync("/api/organizations", new { name = "Admin" });

        Assert.Equal(HttpStatusCode.Conflict, upperUser.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, upperAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, userLikeOrg.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, orgLikeUser.StatusCode);
    }

    [Fact]
    public async Task RepoNames_ThatDifferOnlyInCase_AreOneName_ButOtherTypesMayShareIt()
    {
        var alice = await Hub.CreateUserAsync("alice");
        await Hub.CreateRepoAsync(alice, alice.Name, "Bert", isPrivate: false);

        var lower = await alice.Session.PostAsJsonAsync("/api/repos/create", new { name = "bert", type = "model" });
        var dataset = await alice.Session.PostAsJsonAsync("/api/repos/create", new { name = "bert", type = "dataset" });

        Assert.Equal(HttpStatusCode.Conflict, lower.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dataset.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithTheNameInAnotherCase_SignsInAsThatUser()
    {
        var alice = await Hub.CreateUserAsync("alice");

        using var client = await Server.SignInAsync(alice.Name.ToUpperInvariant(), Hub.Password);
        var whoami = await ApiAssert.JsonAsync(await client.GetAsync("/api/whoami-v2"));

        Assert.Equal(alice.Name, whoami.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PathCase_CookieLogoutWithoutCsrf_IsRefused_AndABadBearerGets401()
    {
        var alice = await Hub.CreateUserAsync("alice");
        await Hub.CreateRepoAsync(alice, alice.Name, "pub", isPrivate: false);
        using var cookieOnly = Server.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await cookieOnly.PostAsJsonAsync("/api/auth/login", new { username = alice.Name, password = Hub.Password })).StatusCode);

        var logout = await cookieOnly.PostAsync("/API/auth/logout", null);
        var garbage = await Server.NewClient("garbage").GetAsync($"/API/models/{alice.Name}/pub");

        Assert.Equal(HttpStatusCode.Forbidden, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookieOnly.GetAsync("/api/whoami-v2")).StatusCode); // still signed in
    }

    [Fact]
    public async Task UpperCaseRepoType_AnswersAsTheCanonicalPath_WithoutAServerError()
    {
        var mark = Server.Logs.Mark();
        var alice = await Hub.CreateUserAsync("alice");
        await Hub.CreateRepoAsync(alice, alice.Name, "m1", isPrivate: false);

        var upper = await Server.NewClient().GetAsync($"/api/MODELS/{alice.Name}/m1");
        var list = await Server.NewClient().GetAsync($"/api/Models?author={alice.Name}");
        var newline = await Server.NewClient().GetAsync($"/api/models%0A/{alice.Name}/m1");
        var nul = await Server.NewClient().GetAsync($"/api/models/{alice.Name}/m%001");
        var nulQuery = await Server.NewClient().GetAsync($"/api/models?author=a%00b");

        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True((int)newline.StatusCode is 400 or 404, newline.StatusCode.ToString());
        Assert.True((int)nul.StatusCode is 400 or 404, nul.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, nulQuery.StatusCode);
        Assert.Equal("", Server.Logs.ErrorText(mark));
    }

    [Fact]
    public async Task NulAndControlCharacters_InTextFields_Get400OnEveryDatabase()
    {
        var (owner, space) = await Hub.CreateSpaceAsync();
        var token = await Hub.CreateSpaceTokenAsync(owner, space, "repo.secrets.write", "repo.content.read");
        using var client = Server.NewClient(token);

        var variable = await client.PostAsJsonAsync($"/api/spaces/{space}/variables", new { key = "A", value = "x\0y" });
        var description = await client.PostAsJsonAsync($"/api/spaces/{space}/variables", new { key = "B", value = "v", description = "d\0" });
        var tokenName = await owner.Session.PostAsJsonAsync("/api/settings/tokens", new { displayName = "t\0" });
        var fullname = await owner.Session.PostAsJsonAsync("/api/organizations", new { name = Strongroom.Server.Tests.Infrastructure.Hub.Unique("o"), fullname = "Acme\0" });
        var orgName = await owner.Session.PostAsync("/api/organizations", new StringContent("{\"name\":\"o\\u0000x\"}", Encoding.UTF8, "application/json"));
        var escape = await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "C", value = "v", description = "\u001b[2Jcleared" });
        var email = await (await Hub.AdminAsync()).PostAsJsonAsync("/api/admin/users", new { username = Strongroom.Server.Tests.Infrastructure.Hub.Unique("e"), email = "e@example.test\nBcc: x@example.test", password = Hub.Password });

        foreach (var response in new[] { variable, description, tokenName, fullname, orgName, escape, email })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task AnonymousProbes_OfAPrivateRepository_AddOneAuditRowPerSource_NotOnePerRequest()
    {
        var owner = await Hub.CreateUserAsync("owner");
        await Hub.CreateRepoAsync(owner, owner.Name, "hidden", isPrivate: true);
        var flush = Server.Services.GetRequiredService<AnonymousDenialsFlush>();
        await flush.FlushAsync(CancellationToken.None);
        var before = await AuditRowsAsync();

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Server.NewClient().GetAsync($"/api/models/{owner.Name}/hidden")).StatusCode);
        }

        var duringProbe = await AuditRowsAsync();
        await flush.FlushAsync(CancellationToken.None);
        var after = await AuditRowsAsync();

        Assert.Equal(before, duringProbe);
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task AbsentAndInvisibleRepositories_AnswerAnonymousCallersAlike_AndWriteNothingWhileAnswering()
    {
        var owner = await Hub.CreateUserAsync("owner");
        await Hub.CreateRepoAsync(owner, owner.Name, "hidden", isPrivate: true);
        var before = await AuditRowsAsync();

        var invisible = await Server.NewClient().GetAsync($"/api/models/{owner.Name}/hidden");
        var absent = await Server.NewClient().GetAsync($"/api/models/{owner.Name}/nothing");

        Assert.Equal(absent.StatusCode, invisible.StatusCode);
        Assert.Equal(await absent.Content.ReadAsStringAsync(), await invisible.Content.ReadAsStringAsync());
        Assert.Equal(before, await AuditRowsAsync());
    }

    [Fact]
    public async Task ResponsesWithSecrets_AreNotStored_AndEveryResponseCarriesTheSecurityHeaders()
    {
        var alice = await Hub.CreateUserAsync("alice");

        var created = await alice.Session.PostAsJsonAsync("/api/settings/tokens", new { displayName = "t" });
        var login = await Server.NewClient().PostAsJsonAsync("/api/auth/login", new { username = alice.Name, password = Hub.Password });
        var health = await Server.NewClient().GetAsync("/healthz");
        var missing = await Server.NewClient().GetAsync("/no/such/page");

        foreach (var response in new[] { created, login, health, missing })
        {
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Duplicate_WithSecrets_NeedsSecretsWriteOnTheTarget()
    {
        var admin = await Hub.CreateUserAsync("orgadmin");
        var org = await Hub.CreateOrgAsync(admin);
        var contributor = await Hub.CreateUserAsync("contrib");
        var writer = await Hub.CreateUserAsync("writer");
        await Hub.SetMemberAsync(admin, org, contributor, "contributor");
        await Hub.SetMemberAsync(admin, org, writer, "write");
        await Hub.CreateRepoAsync(admin, org, "source", isPrivate: false, type: "space");
        var body = (string name) => new { repository = $"{org}/{name}", secrets = new[] { new { key = "INJECTED", value = "v" } } };

        var direct = await contributor.Session.PostAsJsonAsync($"/api/spaces/{org}/source/secrets", new { key = "INJECTED", value = "v" });
        var backDoor = await contributor.Session.PostAsJsonAsync($"/api/spaces/{org}/source/duplicate", body("c1"));
        var plainCopy = await contributor.Session.PostAsJsonAsync($"/api/spaces/{org}/source/duplicate", new { repository = $"{org}/c2" });
        var byWriter = await writer.Session.PostAsJsonAsync($"/api/spaces/{org}/source/duplicate", body("w1"));

        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, backDoor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, plainCopy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byWriter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Session.GetAsync($"/api/spaces/{org}/c1")).StatusCode);
    }

    [Fact]
    public async Task TwoAdminsDemotingEachOtherAtOnce_LeaveTheOrgWithAnAdmin()
    {
        for (var round = 0; round < 6; round++)
        {
            var first = await Hub.CreateUserAsync("a1");
            var second = await Hub.CreateUserAsync("a2");
            var org = await Hub.CreateOrgAsync(first);
            await Hub.SetMemberAsync(first, org, second, "admin");

            var results = await Task.WhenAll(
                first.Session.PutAsJsonAsync($"/api/organizations/{org}/members/{second.Name}", new { role = "read" }),
                second.Session.PutAsJsonAsync($"/api/organizations/{org}/members/{first.Name}", new { role = "read" }),
                first.Session.DeleteAsync($"/api/organizations/{org}/members/{second.Name}"),
                second.Session.DeleteAsync($"/api/organizations/{org}/members/{first.Name}"));

            Assert.DoesNotContain(results, r => (int)r.StatusCode >= 500);
            await using var scope = Server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            var orgId = await db.Organizations.Where(o => o.Name == org).Select(o => o.Id).SingleAsync();
            Assert.True(await db.Memberships.CountAsync(m => m.OrgId == orgId && m.Role == Strongroom.Core.Hub.OrgRole.Admin) >= 1, $"round {round}: no admin left");
        }
    }

    private async Task<int> AuditRowsAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StrongroomDb>().AuditEvents.CountAsync();
    }
}

public sealed class ProbeFindingsSqliteTests(SqliteServerFixture fixture) : ProbeFindingsTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class ProbeFindingsPostgresTests(PostgresServerFixture fixture) : ProbeFindingsTests(fixture), IClassFixture<PostgresServerFixture>;
