using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Features.Notifications;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Repos.RepoContentHelpers;

namespace Strongroom.Server.Tests.Leaks;

/// <summary>
/// Sweeps of public content on both databases: a live token in the history of a repository made public is
/// revoked and its owner told exactly once, by email (a real SMTP listener) and a signed webhook (a real HTTP listener); a third-party secret becomes one leak
/// alert for the owner; an unchanged hub is swept for free and a new rule set sweeps everything again.
/// </summary>
public sealed class LeakSweepTests
{
    private const string ThirdParty = "GITHUB_TOKEN=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";

    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task MakingARepositoryPublic_RevokesALiveTokenInItsHistory_AndEmailsTheOwnerOnce(DbProvider database)
    {
        await using var smtp = new TestSmtpServer();
        await using var receiver = await TestWebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(database, new Dictionary<string, string>(smtp.Settings())
        {
            ["Leaks:SweepInterval"] = "00:00:05",
            ["Webhooks:AllowPrivateNetworks"] = "true",
        });
        var hub = new Hub(server);
        var alice = await hub.CreateUserAsync("alice");
        var hookUrl = receiver.NewUrl();
        var registered = await alice.Session.PostAsJsonAsync("/api/settings/webhooks", new { url = hookUrl });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var hookSecret = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: true);
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "in-history", role = "read" });
        // Content from before push protection: planted in the bare repository with git, then deleted again, so only history holds it.
        using var git = new GitClient();
        await git.OkAsync("", "clone", "--quiet", Path.Combine(server.DataDirectory, "repos", "models", alice.Name, name + ".git"), "plant");
        await File.WriteAllTextAsync(git.PathOf("plant/config.py"), $"# settings\nHF_TOKEN = \"{live}\"\n");
        await git.OkAsync("plant", "add", ".");
        await git.OkAsync("plant", "commit", "--quiet", "-m", "add config");
        await git.OkAsync("plant", "rm", "--quiet", "config.py");
        await git.OkAsync("plant", "commit", "--quiet", "-m", "remove config");
        await git.OkAsync("plant", "push", "--quiet", "origin", "main");
        using var leakedClient = server.NewClient(live);
        Assert.Equal(HttpStatusCode.OK, (await leakedClient.GetAsync("/api/whoami-v2")).StatusCode);

        var madePublic = await alice.Session.PutAsJsonAsync($"/api/models/{alice.Name}/{name}/settings", new { @private = false });

        Assert.Equal(HttpStatusCode.OK, madePublic.StatusCode);
        var mail = Assert.Single(await smtp.WaitForAsync(m => (m.Subject ?? "").Contains("was leaked", StringComparison.Ordinal)));
        var hook = Assert.Single(await receiver.WaitForAsync(hookUrl));
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(hookSecret), hook.Body));
        Assert.Equal(signature, hook.Headers["X-Strongroom-Signature"]);
        Assert.Contains("config.py", Encoding.UTF8.GetString(hook.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(live, Encoding.UTF8.GetString(hook.Body), StringComparison.Ordinal);
        var refused = await leakedClient.GetAsync("/api/whoami-v2");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("token_leaked", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Contains("config.py", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(live, mail.TextBody ?? "", StringComparison.Ordinal);
        var tokens = await alice.Session.GetFromJsonAsync<JsonElement>("/api/settings/tokens");
        var listed = tokens.EnumerateArray().Single(t => t.GetProperty("displayName").GetString() == "in-history");
        Assert.Equal("leaked", listed.GetProperty("status").GetString());
        var admin = await hub.AdminAsync();
        var again = await (await admin.PostAsync("/api/admin/leaks/sweep", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("blobs").GetInt32());
        // Everything due is delivered now: a second notice, had one been queued, would be sent by this pass.
        await server.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(CancellationToken.None);
        Assert.Single(smtp.Messages, m => (m.Subject ?? "").Contains("was leaked", StringComparison.Ordinal));
        Assert.Single(receiver.For(hookUrl));
    }

    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task ThirdPartySecret_InAPublicOrgRepository_IsOneAlertForItsAdmins_WhoseStateTheySet(DbProvider database)
    {
        await using var server = await TestServer.StartAsync(database);
        var hub = new Hub(server);
        var owner = await hub.CreateUserAsync("owner");
        var org = await hub.CreateOrgAsync(owner);
        var writer = await hub.CreateUserAsync("writer");
        await Hub.SetMemberAsync(owner, org, writer, "write");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(owner, org, name, isPrivate: false);
        var (_, token) = await Hub.CreateTokenAsync(owner, new { displayName = "w", role = "write" });
        using var api = Server(server, token);
        var commit = await CommitAsync(api, $"{org}/{name}", CommitBody([("deploy/.env", ThirdParty + "\n")]), query: "?secret-bypass=will-fix-later");
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        var admin = await hub.AdminAsync();

        await admin.PostAsync("/api/admin/leaks/sweep", null);
        await admin.PostAsync("/api/admin/leaks/sweep", null);
        var alerts = await owner.Session.GetFromJsonAsync<JsonElement>($"/api/organizations/{org}/leaks");
        var byWriter = await writer.Session.GetAsync($"/api/organizations/{org}/leaks");
        var alert = Assert.Single(alerts.EnumerateArray());
        var id = alert.GetProperty("id").GetString();
        var resolved = await owner.Session.PutAsJsonAsync($"/api/organizations/{org}/leaks/{id}", new { state = "revoked-elsewhere" });
        var invalid = await owner.Session.PutAsJsonAsync($"/api/organizations/{org}/leaks/{id}", new { state = "gone" });
        var open = await owner.Session.GetFromJsonAsync<JsonElement>($"/api/organizations/{org}/leaks?state=open");

        Assert.Equal("github-classic-pat", alert.GetProperty("rule").GetString());
        Assert.Equal("deploy/.env", alert.GetProperty("path").GetString());
        Assert.Equal(1, alert.GetProperty("line").GetInt32());
        Assert.Matches("^[0-9a-f]{40}$", alert.GetProperty("commit").GetString());
        Assert.Equal("open", alert.GetProperty("state").GetString());
        Assert.DoesNotContain("ghp_", alerts.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byWriter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Empty(open.EnumerateArray());
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Key.StartsWith("leak.alert:" + id)));
    }

    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task Sweep_OfAnUnchangedHub_ScansNoBlobs_AndANewRuleSetScansEverythingAgain(DbProvider database)
    {
        await using var server = await TestServer.StartAsync(database);
        var hub = new Hub(server);
        var alice = await hub.CreateUserAsync("alice");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: false);
        using var api = Server(server, await TokenAsync(alice, "repo.content.read", "repo.write"));
        await CommitFilesAsync(api, $"{alice.Name}/{name}", ("a.txt", "a\n"), ("b/c.txt", "c\n"));
        var admin = await hub.AdminAsync();

        var first = await SweepAsync(admin);
        var unchanged = await SweepAsync(admin);
        await CommitFilesAsync(api, $"{alice.Name}/{name}", ("d.txt", "d\n"));
        var oneNew = await SweepAsync(admin);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            // As a release with other rules would find it: swept under an older rule set.
            await scope.ServiceProvider.GetRequiredService<StrongroomDb>().RepoSweeps.ExecuteUpdateAsync(s => s.SetProperty(r => r.RuleSetVersion, "older-rules"));
        }

        var rescan = await SweepAsync(admin);

        Assert.True(first.GetProperty("blobs").GetInt32() >= 3);
        Assert.Equal(0, unchanged.GetProperty("blobs").GetInt32());
        Assert.Equal(0, unchanged.GetProperty("repositoriesScanned").GetInt32());
        Assert.Equal(1, oneNew.GetProperty("blobs").GetInt32());
        Assert.True(rescan.GetProperty("blobs").GetInt32() >= 4);
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/admin/leaks/sweep");
        Assert.Equal(rescan.GetProperty("blobs").GetInt32(), status.GetProperty("lastPass").GetProperty("blobs").GetInt32());
    }

    private static HttpClient Server(TestServer server, string token) => server.NewClient(token);

    private static async Task<JsonElement> SweepAsync(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/admin/leaks/sweep", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
