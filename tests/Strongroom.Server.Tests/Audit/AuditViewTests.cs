using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Audit;

/// <summary>Who sees which audit events: one's own, an org's for its admins, everything for hub admins.</summary>
public abstract class AuditViewTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    [Fact]
    public async Task OrgAudit_OrgAdmin_SeesMembersTokenActionsAndNoOtherOrgs()
    {
        var (admin, member, org) = await OrgWithMemberAsync();
        var (tokenId, token) = await Hub.CreateTokenAsync(member, new { displayName = "ci", fineGrained = new { scoped = new[] { new { entity = new { type = "org", name = org }, permissions = new[] { "repo.write" } } } } });
        var repo = Hub.Unique("model");
        using (var client = fixture.Server.NewClient(token))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/repos/create", new { name = repo, organization = org, type = "model" })).StatusCode);
        }

        var otherAdmin = await Hub.CreateUserAsync("other");
        var otherOrg = await Hub.CreateOrgAsync(otherAdmin);
        await Hub.CreateRepoAsync(otherAdmin, otherOrg, Hub.Unique("model"), isPrivate: true);

        var events = await EventsAsync(admin.Session, $"/api/organizations/{org}/audit?limit=1000");

        var created = Assert.Single(events, e => e.GetProperty("action").GetString() == "repo.create");
        Assert.Equal($"model:{org}/{repo}", created.GetProperty("target").GetString());
        Assert.Equal(member.Name, created.GetProperty("actor").GetString());
        Assert.Equal(tokenId, created.GetProperty("tokenId").GetString());
        Assert.DoesNotContain(events, e => e.TryGetProperty("target", out var t) && t.GetString()!.Contains(otherOrg, StringComparison.Ordinal));
        Assert.All(events, e => Assert.Equal(created.GetProperty("orgId").GetString(), e.GetProperty("orgId").GetString()));
    }

    [Fact]
    public async Task OrgAudit_MemberNotAdmin_Gets403()
    {
        var (_, member, org) = await OrgWithMemberAsync();

        var response = await member.Session.GetAsync($"/api/organizations/{org}/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OrgAudit_AdminsTokenWithAuditLogRead_IsAllowedAndWithoutIt403()
    {
        var (admin, _, org) = await OrgWithMemberAsync();
        var (_, reader) = await Hub.CreateTokenAsync(admin, new { displayName = "siem", fineGrained = new { scoped = new[] { new { entity = new { type = "org", name = org }, permissions = new[] { "org.auditLog.read" } } } } });
        var (_, other) = await Hub.CreateTokenAsync(admin, new { displayName = "ci", fineGrained = new { scoped = new[] { new { entity = new { type = "org", name = org }, permissions = new[] { "repo.write" } } } } });
        using var readerClient = fixture.Server.NewClient(reader);
        using var otherClient = fixture.Server.NewClient(other);

        var allowed = await readerClient.GetAsync($"/api/organizations/{org}/audit");
        var refused = await otherClient.GetAsync($"/api/organizations/{org}/audit");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task SettingsAudit_OwnEventsOnly_FilteredAndPagedByCursor()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var bob = await Hub.CreateUserAsync("bob");
        for (var i = 0; i < 3; i++)
        {
            await Hub.CreateTokenAsync(alice, new { displayName = "t" + i, role = "read" });
        }

        await Hub.CreateTokenAsync(bob, new { displayName = "b", role = "read" });

        var first = await alice.Session.GetFromJsonAsync<JsonElement>("/api/settings/audit?action=token.*&limit=2");
        var cursor = first.GetProperty("nextCursor").GetInt64();
        var second = await alice.Session.GetFromJsonAsync<JsonElement>($"/api/settings/audit?action=token.*&limit=2&cursor={cursor}");

        var seqs = first.GetProperty("events").EnumerateArray().Concat(second.GetProperty("events").EnumerateArray()).Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(3, seqs.Count);
        Assert.Equal(seqs.OrderByDescending(s => s), seqs);
        Assert.False(second.TryGetProperty("nextCursor", out _));
        Assert.All(first.GetProperty("events").EnumerateArray().Concat(second.GetProperty("events").EnumerateArray()),
            e => Assert.Equal(alice.Name, e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task AdminAudit_HubAdminSeesAllAndOthers403()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var (id, _) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "read" });
        var admin = await Hub.AdminAsync();

        var events = await EventsAsync(admin, $"/api/admin/audit?target=token:{id}");
        var refused = await alice.Session.GetAsync("/api/admin/audit");

        Assert.Equal("token.create", Assert.Single(events).GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AdminAudit_LookupOfNameTypedAtFailedSignIn_FindsItWhileTheLogHoldsOnlyItsHmac()
    {
        var typed = "Hunter2-" + Guid.NewGuid().ToString("N")[..10]; // a password typed in the name field, say
        using var client = fixture.Server.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { username = typed, password = "whatever" })).StatusCode);
        var admin = await Hub.AdminAsync();

        var found = await EventsAsync(admin, $"/api/admin/audit?lookup=username:{typed}");
        var other = await EventsAsync(admin, $"/api/admin/audit?lookup=username:{typed}x");

        var failed = Assert.Single(found);
        Assert.Equal("auth.login", failed.GetProperty("action").GetString());
        Assert.Equal("failure", failed.GetProperty("outcome").GetString());
        Assert.StartsWith("hmac-sha256:", failed.GetProperty("details").GetProperty("usernameHmac").GetString(), StringComparison.Ordinal);
        Assert.Empty(other);
        Assert.DoesNotContain(typed.ToLowerInvariant(), failed.ToString().ToLowerInvariant(), StringComparison.Ordinal);
    }

    private async Task<(TestUser Admin, TestUser Member, string Org)> OrgWithMemberAsync()
    {
        var admin = await Hub.CreateUserAsync("orgadmin");
        var member = await Hub.CreateUserAsync("member");
        var org = await Hub.CreateOrgAsync(admin);
        await Hub.SetMemberAsync(admin, org, member, "write");
        return (admin, member, org);
    }

    private static async Task<List<JsonElement>> EventsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}

public sealed class AuditViewSqliteTests(SqliteServerFixture fixture) : AuditViewTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AuditViewPostgresTests(PostgresServerFixture fixture) : AuditViewTests(fixture), IClassFixture<PostgresServerFixture>;
