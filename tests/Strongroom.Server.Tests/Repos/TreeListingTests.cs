using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Repos.RepoContentHelpers;

namespace Strongroom.Server.Tests.Repos;

/// <summary>
/// Tree listings and revision info are cached by commit; a branch must still show every write on the very next
/// request, whichever way it came (the commit API, a git push, a repository deleted and made again, refs packed by git).
/// </summary>
public abstract class TreeListingTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Tree_AfterACommitThroughTheApi_ShowsItOnTheNextRequest()
    {
        var (repo, api, _) = await RepoAsync();
        var before = await PathsAsync(api, repo);
        var beforeFiles = await SiblingsAsync(api, repo);

        var sha = await CommitFilesAsync(api, repo, ("added.txt", "new\n"));

        Assert.DoesNotContain("added.txt", before);
        Assert.DoesNotContain("added.txt", beforeFiles);
        Assert.Contains("added.txt", await PathsAsync(api, repo));
        Assert.Contains("added.txt", await SiblingsAsync(api, repo));
        Assert.Equal(sha, await HeadAsync(api, repo));
        Assert.Equal(sha, await HeadAsync(api, repo, "HEAD"));
    }

    [Fact]
    public async Task Tree_AfterAGitPush_ShowsItOnTheNextRequest_AlsoOnceGitHasPackedTheRefs()
    {
        var (repo, api, token) = await RepoAsync();
        using var git = new GitClient();
        await git.OkAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, repo, token), "work");
        Assert.DoesNotContain("pushed.txt", await PathsAsync(api, repo));
        Assert.DoesNotContain("pushed.txt", await SiblingsAsync(api, repo));

        var pushed = await PushFileAsync(git, "pushed.txt");
        var afterPush = await PathsAsync(api, repo);
        var siblingsAfterPush = await SiblingsAsync(api, repo);
        var headAfterPush = await HeadAsync(api, repo);
        await git.OkAsync("", "--git-dir=" + BareRepository(repo), "pack-refs", "--all");
        var headOncePacked = await HeadAsync(api, repo);
        var afterPacking = await PushFileAsync(git, "after-packing.txt");

        Assert.Contains("pushed.txt", afterPush);
        Assert.Contains("pushed.txt", siblingsAfterPush);
        Assert.Equal(pushed, headAfterPush);
        Assert.Equal(pushed, headOncePacked);
        Assert.Contains("after-packing.txt", await PathsAsync(api, repo));
        Assert.Equal(afterPacking, await HeadAsync(api, repo));
    }

    [Fact]
    public async Task Tree_OfARepositoryDeletedAndCreatedAgain_ShowsOnlyTheNewOne()
    {
        var (repo, api, _, owner) = await RepoWithOwnerAsync();
        var old = await CommitFilesAsync(api, repo, ("old.txt", "from the first repository\n"));
        Assert.Contains("old.txt", await PathsAsync(api, repo));
        Assert.Contains("old.txt", await PathsAsync(api, repo, old));
        Assert.Contains("old.txt", await SiblingsAsync(api, repo, old));

        var name = repo.Split('/')[1];
        var deleted = await owner.Session.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/repos/delete") { Content = JsonContent.Create(new { name, type = "model" }) });
        await Hub.CreateRepoAsync(owner, owner.Name, name, isPrivate: true);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain("old.txt", await PathsAsync(api, repo));
        Assert.DoesNotContain("old.txt", await SiblingsAsync(api, repo));
        Assert.NotEqual(old, await HeadAsync(api, repo));
        var atOld = await api.GetAsync($"/api/models/{repo}/tree/{old}");
        var infoAtOld = await api.GetAsync($"/api/models/{repo}/revision/{old}");
        Assert.Equal(HttpStatusCode.NotFound, atOld.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, infoAtOld.StatusCode);
    }

    [Fact]
    public async Task Tree_AtACommitId_InEitherCase_IsTheListingAtThatCommit()
    {
        var (repo, api, _) = await RepoAsync();
        var first = await CommitFilesAsync(api, repo, ("a.txt", "a\n"));
        await CommitFilesAsync(api, repo, ("b.txt", "b\n"));

        var atFirst = await PathsAsync(api, repo, first);
        var upper = await PathsAsync(api, repo, first.ToUpperInvariant());

        Assert.Equal([".gitattributes", "a.txt"], atFirst.Order());
        Assert.Equal(atFirst, upper);
        Assert.Contains("b.txt", await PathsAsync(api, repo));
    }

    private async Task<(string Repo, HttpClient Api, string Token)> RepoAsync()
    {
        var (repo, api, token, _) = await RepoWithOwnerAsync();
        return (repo, api, token);
    }

    private async Task<(string Repo, HttpClient Api, string Token, TestUser Owner)> RepoWithOwnerAsync()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: true);
        var token = await TokenAsync(alice, "repo.content.read", "repo.write");
        return ($"{alice.Name}/{name}", Server.NewClient(token), token, alice);
    }

    private string BareRepository(string repo) => Path.Combine(Server.DataDirectory, "repos", "models", repo + ".git");

    private static async Task<string> PushFileAsync(GitClient git, string file)
    {
        await File.WriteAllTextAsync(git.PathOf("work/" + file), file + "\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "add " + file);
        await git.OkAsync("work", "push", "--quiet", "origin", "main");
        return (await git.OkAsync("work", "rev-parse", "HEAD")).Trim();
    }

    private static async Task<List<string>> PathsAsync(HttpClient api, string repo, string revision = "main")
    {
        var listing = await api.GetFromJsonAsync<JsonElement>($"/api/models/{repo}/tree/{revision}?recursive=true");
        return [.. listing.EnumerateArray().Select(e => e.GetProperty("path").GetString()!)];
    }

    private static async Task<List<string>> SiblingsAsync(HttpClient api, string repo, string revision = "main")
    {
        var info = await api.GetFromJsonAsync<JsonElement>($"/api/models/{repo}/revision/{revision}");
        return [.. info.GetProperty("siblings").EnumerateArray().Select(s => s.GetProperty("rfilename").GetString()!)];
    }
}

public sealed class TreeListingSqliteTests(SqliteServerFixture fixture) : TreeListingTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TreeListingPostgresTests(PostgresServerFixture fixture) : TreeListingTests(fixture), IClassFixture<PostgresServerFixture>;
