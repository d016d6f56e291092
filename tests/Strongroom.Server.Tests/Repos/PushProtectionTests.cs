using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Data.Audit;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Repos.RepoContentHelpers;

namespace Strongroom.Server.Tests.Repos;

/// <summary>
/// Push protection on both ways in, the commit API and <c>git push</c>: a live token of ours is refused with
/// file, line and rule and stays live; a revoked token or a bad-checksum look-alike passes; a third-party key
/// is blocked on a public repository, warned about on a private one, accepted with a bypass reason; every
/// block and bypass is audited without the secret; only what a push adds is scanned.
/// </summary>
public abstract class PushProtectionTests(ServerFixture fixture)
{
    private const string ThirdParty = "GITHUB_TOKEN=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";

    private Hub Hub => fixture.Hub;

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task GitPush_OfALiveTokenOfOurs_IsRefusedWithFileLineAndRule_AndTheTokenStaysLive()
    {
        var (alice, repo, token) = await RepoAsync(isPrivate: true);
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "in-code", role = "read" });
        using var git = await CloneAsync(repo, token);
        await File.WriteAllTextAsync(git.PathOf("work/app.py"), $"import os\nTOKEN = \"{live}\"\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "leak");
        using var api = Server.NewClient(token);
        var before = await HeadAsync(api, repo);

        var push = await git.RunAsync("work", "push", "origin", "main");
        var bypass = await git.RunAsync("work", "push", "-o", "secret-bypass=false-positive", "origin", "main");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("remote:   app.py:2  rule strongroom-token", push.Stderr, StringComparison.Ordinal);
        Assert.Contains("Rotate the token", push.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(live, push.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, bypass.ExitCode);
        Assert.Equal(before, await HeadAsync(api, repo));
        using var leakedClient = Server.NewClient(live);
        Assert.Equal(HttpStatusCode.OK, (await leakedClient.GetAsync("/api/whoami-v2")).StatusCode);
        var blocks = await AuditAsync("push.block", repo);
        Assert.NotEmpty(blocks);
        Assert.All(blocks, e => Assert.DoesNotContain(live, e.DetailsJson!, StringComparison.Ordinal));
        Assert.Contains(blocks, e => e.DetailsJson!.Contains("\"fingerprint\"", StringComparison.Ordinal) && e.DetailsJson.Contains("app.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GitPush_OfATokenInAnOlderCommitOfThePush_IsRefused()
    {
        var (alice, repo, token) = await RepoAsync(isPrivate: true);
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "in-history", role = "read" });
        using var git = await CloneAsync(repo, token);
        await File.WriteAllTextAsync(git.PathOf("work/leak.txt"), live + "\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "leak");
        await git.OkAsync("work", "rm", "--quiet", "leak.txt");
        await git.OkAsync("work", "commit", "--quiet", "-m", "remove it again");

        var push = await git.RunAsync("work", "push", "origin", "main");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("leak.txt:1", push.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitPush_OfATokenAddedInsideALargeFile_IsFoundWhereItWasAdded_InOnePushAndOnTopOfAnEarlierOne()
    {
        // Versions of one file travel as deltas of each other, and a later push's as deltas of what the
        // repository holds: the token is found in the version that adds it, at its line.
        var (alice, repo, token) = await RepoAsync(isPrivate: true);
        var (_, first) = await Hub.CreateTokenAsync(alice, new { displayName = "first", role = "read" });
        var (_, second) = await Hub.CreateTokenAsync(alice, new { displayName = "second", role = "read" });
        using var git = await CloneAsync(repo, token);
        var lines = Enumerable.Range(0, 2_000).Select(i => $"setting_{i} = compute({i}, \"value {i * 7}\")").ToList();
        async Task CommitAsync(string message)
        {
            await File.WriteAllLinesAsync(git.PathOf("work/big.py"), lines);
            await git.OkAsync("work", "add", ".");
            await git.OkAsync("work", "commit", "--quiet", "-m", message);
        }

        await CommitAsync("settings");
        lines[1_200] = $"TOKEN = \"{first}\"";
        await CommitAsync("leak");
        lines[1_200] = "setting_1200 = compute(1200, \"moved\")";
        await CommitAsync("unleak");

        var inOnePush = await git.RunAsync("work", "push", "origin", "main");
        await git.OkAsync("work", "reset", "--quiet", "--hard", "HEAD~2");
        await git.OkAsync("work", "push", "--quiet", "origin", "main");
        lines[1_200] = "setting_1200 = compute(1200, \"value 8400\")";
        lines[700] = $"TOKEN = \"{second}\"";
        await CommitAsync("leak again");
        var onTop = await git.RunAsync("work", "push", "origin", "main");

        Assert.NotEqual(0, inOnePush.ExitCode);
        Assert.Contains("remote:   big.py:1201  rule strongroom-token", inOnePush.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, onTop.ExitCode);
        Assert.Contains("remote:   big.py:701  rule strongroom-token", onTop.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("big.py:1201", onTop.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("look-alike")]
    public async Task Write_OfARevokedTokenOrABadChecksumLookAlike_IsAccepted(string kind)
    {
        var (alice, repo, token) = await RepoAsync(isPrivate: false);
        var (id, other) = await Hub.CreateTokenAsync(alice, new { displayName = "old", role = "read" });
        string content;
        if (kind == "revoked")
        {
            Assert.Equal(HttpStatusCode.NoContent, (await alice.Session.DeleteAsync($"/api/settings/tokens/{id}")).StatusCode);
            content = other;
        }
        else
        {
            content = other[..^1] + (other[^1] == 'a' ? 'b' : 'a');
        }

        using var api = Server.NewClient(token);
        var viaApi = await CommitAsync(api, repo, CommitBody([("api.txt", $"token = {content}\n")]));
        using var git = await CloneAsync(repo, token);
        await File.WriteAllTextAsync(git.PathOf("work/git.txt"), $"token = {content}\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", kind);
        await git.OkAsync("work", "pull", "--quiet", "--rebase", "origin", "main");
        var viaGit = await git.RunAsync("work", "push", "origin", "main");

        Assert.Equal(HttpStatusCode.OK, viaApi.StatusCode);
        Assert.True(viaGit.ExitCode == 0, viaGit.Stderr);
    }

    [Fact]
    public async Task ThirdPartyKey_IsBlockedOnAPublicRepository_AndAcceptedWithABypassReason_BothWaysIn()
    {
        var (_, repo, token) = await RepoAsync(isPrivate: false);
        using var api = Server.NewClient(token);
        var body = CommitBody([("config.env", ThirdParty + "\n")]);

        var blocked = await CommitAsync(api, repo, body);
        var badReason = await CommitAsync(api, repo, body, query: "?secret-bypass=because");
        var bypassed = await CommitAsync(api, repo, body, query: "?secret-bypass=used-in-tests");
        using var git = await CloneAsync(repo, token);
        await File.WriteAllTextAsync(git.PathOf("work/other.env"), "\n\n" + ThirdParty + "\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "key");
        var pushBlocked = await git.RunAsync("work", "push", "origin", "main");
        var pushBypassed = await git.RunAsync("work", "push", "-o", "secret-bypass=false-positive", "origin", "main");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        var error = (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains("config.env:1", error, StringComparison.Ordinal);
        Assert.Contains("github-classic-pat", error, StringComparison.Ordinal);
        Assert.Contains("secret-bypass", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bypassed.StatusCode);
        Assert.Contains("used-in-tests", (await bypassed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hookOutput").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, pushBlocked.ExitCode);
        Assert.Contains("remote:   other.env:3  rule github-classic-pat", pushBlocked.Stderr, StringComparison.Ordinal);
        Assert.True(pushBypassed.ExitCode == 0, pushBypassed.Stderr);
        var bypasses = await AuditAsync("push.bypass", repo);
        Assert.Contains(bypasses, e => e.DetailsJson!.Contains("used-in-tests", StringComparison.Ordinal));
        Assert.Contains(bypasses, e => e.DetailsJson!.Contains("false-positive", StringComparison.Ordinal) && e.DetailsJson.Contains("other.env", StringComparison.Ordinal));
        Assert.All(bypasses, e => Assert.NotNull(e.TokenId));
        Assert.Equal(2, (await AuditAsync("push.block", repo)).Count);
        Assert.All(await AuditAsync("push.", repo), e => Assert.DoesNotContain("ghp_", e.DetailsJson!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThirdPartyKey_OnAPrivateRepository_IsAcceptedWithAWarning_AndTheSettingChangesThat()
    {
        var (alice, repo, token) = await RepoAsync(isPrivate: true);
        using var api = Server.NewClient(token);

        var warned = await CommitAsync(api, repo, CommitBody([("a.env", ThirdParty + "\n")]));
        var setting = await alice.Session.PutAsJsonAsync($"/api/models/{repo}/settings", new { secretsPushProtection = "block" });
        var blocked = await CommitAsync(api, repo, CommitBody([("b.env", ThirdParty + "\n")]));
        var invalid = await alice.Session.PutAsJsonAsync($"/api/models/{repo}/settings", new { secretsPushProtection = "sometimes" });
        await alice.Session.PutAsJsonAsync($"/api/models/{repo}/settings", new { secretsPushProtection = "off" });
        var silent = await CommitAsync(api, repo, CommitBody([("c.env", ThirdParty + "\n")]));

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Contains("Warning", (await warned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hookOutput").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, setting.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, silent.StatusCode);
        Assert.Equal("", (await silent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hookOutput").GetString());
    }

    [Fact]
    public async Task GitPush_OnTopOfContentFromBeforeProtection_ScansOnlyWhatItAdds()
    {
        var (alice, repo, token) = await RepoAsync(isPrivate: true);
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "planted", role = "read" });
        using var git = new GitClient();
        // Content from before push protection existed: written into the bare repository without the server.
        var bare = Path.Combine(Server.DataDirectory, "repos", "models", repo + ".git");
        await git.OkAsync("", "clone", "--quiet", bare, "plant");
        await File.WriteAllTextAsync(git.PathOf("plant/old.py"), $"TOKEN = \"{live}\"\n");
        await git.OkAsync("plant", "add", ".");
        await git.OkAsync("plant", "commit", "--quiet", "-m", "old content");
        await git.OkAsync("plant", "push", "--quiet", "origin", "main");
        await git.OkAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, repo, token), "work");
        await File.WriteAllTextAsync(git.PathOf("work/new.txt"), "unrelated\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "new");

        var push = await git.RunAsync("work", "push", "origin", "main");

        Assert.True(push.ExitCode == 0, push.Stderr);
    }

    [Fact]
    public async Task GitPush_ThatTakesAnOldTokenOut_IsAccepted_TheVersionItTravelsAgainstIsNotScanned()
    {
        // The repository already holds a large file with a live token (from before protection). A push that
        // takes the token out sends the new version as a delta of the old, and git adds the old version to the
        // pushed pack to complete it: the old version is the repository's, not the push's, and is not judged.
        var (alice, repo, token) = await RepoAsync(isPrivate: true);
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "planted", role = "read" });
        using var git = new GitClient();
        var bare = Path.Combine(Server.DataDirectory, "repos", "models", repo + ".git");
        await git.OkAsync("", "clone", "--quiet", bare, "plant");
        var lines = Enumerable.Range(0, 2_000).Select(i => $"setting_{i} = compute({i}, \"value {i * 7}\")").ToList();
        lines.Insert(1_000, $"TOKEN = \"{live}\"");
        await File.WriteAllLinesAsync(git.PathOf("plant/big.py"), lines);
        await git.OkAsync("plant", "add", ".");
        await git.OkAsync("plant", "commit", "--quiet", "-m", "old content");
        await git.OkAsync("plant", "push", "--quiet", "origin", "main");
        await git.OkAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, repo, token), "work");
        lines.RemoveAt(1_000);
        await File.WriteAllLinesAsync(git.PathOf("work/big.py"), lines);
        await git.OkAsync("work", "commit", "--quiet", "-am", "take the token out");

        var push = await git.RunAsync("work", "push", "origin", "main");

        Assert.True(push.ExitCode == 0, push.Stderr);
    }

    private async Task<(TestUser Owner, string Repo, string token)> RepoAsync(bool isPrivate)
    {
        var alice = await Hub.CreateUserAsync("alice");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate);
        return (alice, $"{alice.Name}/{name}", await TokenAsync(alice, "repo.content.read", "repo.write"));
    }

    private async Task<GitClient> CloneAsync(string repo, string token)
    {
        var git = new GitClient();
        await git.OkAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, repo, token), "work");
        return git;
    }

    private async Task<List<AuditRecord>> AuditAsync(string actionPrefix, string repo)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Action.StartsWith(actionPrefix) && e.Target == "model:" + repo).ToListAsync();
    }
}

public sealed class PushProtectionSqliteTests(SqliteServerFixture fixture) : PushProtectionTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PushProtectionPostgresTests(PostgresServerFixture fixture) : PushProtectionTests(fixture), IClassFixture<PostgresServerFixture>;
