using System.Net;
using System.Net.Http.Json;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Repos.RepoContentHelpers;

namespace Strongroom.Server.Tests.Repos;

/// <summary>git over HTTP with the real git client: clone, fetch and push with a token as the password, and who may not.</summary>
public abstract class GitHttpTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task CloneAndPush_ByAWriter_AgreeWithTheCommitApi()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var repo = $"{alice.Name}/{Hub.Unique("m")}";
        await Hub.CreateRepoAsync(alice, alice.Name, repo.Split('/')[1], isPrivate: true);
        var token = await TokenAsync(alice, "repo.content.read", "repo.write");
        using var api = Server.NewClient(token);
        var committed = await CommitFilesAsync(api, repo, ("README.md", "# model\n"), ("weights/config.json", "{\"layers\": 2}\n"));
        using var git = new GitClient();

        await git.OkAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, repo + ".git", token), "work");
        var clonedHead = (await git.OkAsync("work", "rev-parse", "HEAD")).Trim();
        await File.WriteAllTextAsync(git.PathOf("work/weights/extra.txt"), "pushed with git\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "from git");
        await git.OkAsync("work", "push", "--quiet", "origin", "main");
        var pushedHead = (await git.OkAsync("work", "rev-parse", "HEAD")).Trim();

        Assert.Equal(committed, clonedHead);
        Assert.Equal("{\"layers\": 2}\n", await File.ReadAllTextAsync(git.PathOf("work/weights/config.json")));
        Assert.Equal(pushedHead, await HeadAsync(api, repo));
        Assert.Equal("pushed with git\n", await api.GetStringAsync($"/{repo}/resolve/main/weights/extra.txt"));
        var remote = await git.OkAsync("", "ls-remote", GitClient.Url(Server.BaseAddress, repo, token), "HEAD");
        Assert.StartsWith(pushedHead, remote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clone_OfAPrivateRepositoryWithoutCredentials_IsRefusedAndOfAPublicOneWorks()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var hidden = Hub.Unique("private");
        var open = Hub.Unique("public");
        await Hub.CreateRepoAsync(alice, alice.Name, hidden, isPrivate: true);
        await Hub.CreateRepoAsync(alice, alice.Name, open, isPrivate: false, type: "dataset");
        using var git = new GitClient();

        var refused = await git.RunAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, $"{alice.Name}/{hidden}", null), "hidden");
        var wrongToken = await git.RunAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, $"{alice.Name}/{hidden}", "sr_pKy9Pf34qY6Nb3wWD25RQ4F5ZR3qa7yEe42ND78"), "wrong");
        var cloned = await git.RunAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, $"datasets/{alice.Name}/{open}", null), "open");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.False(Directory.Exists(git.PathOf("hidden/.git")) && File.Exists(git.PathOf("hidden/.gitattributes")));
        Assert.NotEqual(0, wrongToken.ExitCode);
        Assert.Equal(0, cloned.ExitCode);
        Assert.True(File.Exists(git.PathOf("open/.gitattributes")));
    }

    [Theory]
    [InlineData("reader-member")]
    [InlineData("read-only-token")]
    [InlineData("token-for-another-repo")]
    public async Task Push_WithoutWriteAccess_IsRefusedAndTheBranchStays(string who)
    {
        var owner = await Hub.CreateUserAsync("owner");
        var org = await Hub.CreateOrgAsync(owner);
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(owner, org, name, isPrivate: false);
        var pusher = await Hub.CreateUserAsync("pusher");
        string token;
        switch (who)
        {
            case "reader-member":
                await Hub.SetMemberAsync(owner, org, pusher, "read");
                (_, token) = await Hub.CreateTokenAsync(pusher, new { displayName = "classic", role = "write" });
                break;
            case "read-only-token":
                await Hub.SetMemberAsync(owner, org, pusher, "write");
                (_, token) = await Hub.CreateTokenAsync(pusher, new { displayName = "ro", fineGrained = new { scoped = new[] { new { entity = new { type = "org", name = org }, permissions = new[] { "repo.content.read" } } } } });
                break;
            default:
                await Hub.SetMemberAsync(owner, org, pusher, "write");
                var other = Hub.Unique("other");
                await Hub.CreateRepoAsync(owner, org, other, isPrivate: false);
                (_, token) = await Hub.CreateTokenAsync(pusher, new { displayName = "other", fineGrained = new { scoped = new[] { new { entity = new { type = "model", name = $"{org}/{other}" }, permissions = new[] { "repo.content.read", "repo.write" } } } } });
                break;
        }

        using var api = Server.NewClient();
        var before = await HeadAsync(api, $"{org}/{name}");
        using var git = new GitClient();
        await git.OkAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, $"{org}/{name}", null), "work");
        await File.WriteAllTextAsync(git.PathOf("work/new.txt"), "x\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "not allowed");

        var push = await git.RunAsync("work", "push", GitClient.Url(Server.BaseAddress, $"{org}/{name}", token), "main");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("403", push.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await HeadAsync(api, $"{org}/{name}"));
    }

    [Fact]
    public async Task Push_OfRefsOutsideBranchesAndTags_OrDeletingMain_IsRefused()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: true);
        var token = await TokenAsync(alice, "repo.content.read", "repo.write");
        var url = GitClient.Url(Server.BaseAddress, $"{alice.Name}/{name}", token);
        using var git = new GitClient();
        await git.OkAsync("", "clone", "--quiet", url, "work");

        var notes = await git.RunAsync("work", "push", "origin", "HEAD:refs/notes/commits");
        var pull = await git.RunAsync("work", "push", "origin", "HEAD:refs/pull/1/head");
        var deleteMain = await git.RunAsync("work", "push", "origin", ":main");
        var tag = await git.RunAsync("work", "push", "origin", "HEAD:refs/tags/v1");
        var branch = await git.RunAsync("work", "push", "origin", "HEAD:refs/heads/feature");

        Assert.NotEqual(0, notes.ExitCode);
        Assert.Contains("not a branch", notes.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, pull.ExitCode);
        Assert.NotEqual(0, deleteMain.ExitCode);
        Assert.Contains("default branch", deleteMain.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, tag.ExitCode);
        Assert.Equal(0, branch.ExitCode);
        var refs = await git.OkAsync("", "ls-remote", url);
        Assert.DoesNotContain("refs/notes", refs, StringComparison.Ordinal);
        Assert.DoesNotContain("refs/pull", refs, StringComparison.Ordinal);
        Assert.Contains("refs/heads/main", refs, StringComparison.Ordinal);
        Assert.Contains("refs/tags/v1", refs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_ThatIsNotAFastForward_NeedsForce()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: true);
        var token = await TokenAsync(alice, "repo.content.read", "repo.write");
        using var api = Server.NewClient(token);
        var url = GitClient.Url(Server.BaseAddress, $"{alice.Name}/{name}", token);
        using var git = new GitClient();
        await git.OkAsync("", "clone", "--quiet", url, "work");
        var theirs = await CommitFilesAsync(api, $"{alice.Name}/{name}", ("theirs.txt", "from the API\n"));
        await File.WriteAllTextAsync(git.PathOf("work/mine.txt"), "diverged\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "diverged");

        var plain = await git.RunAsync("work", "push", "origin", "main");
        var headAfterPlain = await HeadAsync(api, $"{alice.Name}/{name}");
        var forced = await git.RunAsync("work", "push", "--force", "origin", "main");

        Assert.NotEqual(0, plain.ExitCode);
        Assert.Equal(theirs, headAfterPlain);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal((await git.OkAsync("work", "rev-parse", "HEAD")).Trim(), await HeadAsync(api, $"{alice.Name}/{name}"));
    }

    [Fact]
    public async Task Clone_OfARepositoryAfterItsDeletion_IsGoneAndANewOneOfTheSameNameStartsEmpty()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: true);
        var token = await TokenAsync(alice, "repo.content.read", "repo.write");
        using var api = Server.NewClient(token);
        await CommitFilesAsync(api, $"{alice.Name}/{name}", ("old.txt", "from the first repository\n"));

        var deleted = await alice.Session.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/repos/delete") { Content = JsonContent.Create(new { name, type = "model" }) });
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: true);
        var old = await api.GetAsync($"/{alice.Name}/{name}/resolve/main/old.txt");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal("EntryNotFound", old.Headers.GetValues("X-Error-Code").Single());
    }
}

public sealed class GitHttpSqliteTests(SqliteServerFixture fixture) : GitHttpTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class GitHttpPostgresTests(PostgresServerFixture fixture) : GitHttpTests(fixture), IClassFixture<PostgresServerFixture>;
