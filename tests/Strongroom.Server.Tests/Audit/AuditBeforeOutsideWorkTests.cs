using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;
using Strongroom.Server.Tests.Repos;
using static Strongroom.Server.Tests.Repos.RepoContentHelpers;

namespace Strongroom.Server.Tests.Audit;

/// <summary>
/// Work the database cannot enclose (a KMS rotation, a branch moved by the commit API or by git push) is
/// recorded before it starts: with its event unwritable it does not happen, and when it does, its
/// <c>started</c> event comes before its outcome.
/// </summary>
public abstract class AuditBeforeOutsideWorkTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task KmsRotate_AuditTableRefusesEvent_Answers5xxAndThePrimaryStays()
    {
        var admin = await Hub.AdminAsync();
        var before = await PrimaryAsync(admin);

        HttpResponseMessage response;
        await using (await AuditFault.RefuseTargetAsync(Server, "kms"))
        {
            response = await admin.PostAsync("/api/admin/kms/rotate", null);
        }

        Assert.True((int)response.StatusCode >= 500, $"rotation answered {(int)response.StatusCode} with its event unwritable");
        Assert.Equal(before, await PrimaryAsync(admin));
    }

    [Fact]
    public async Task CommitApi_AuditTableRefusesEvent_Answers5xxAndTheBranchStays()
    {
        var (api, repo) = await RepoWithOneCommitAsync();
        var head = await HeadAsync(api, repo);

        HttpResponseMessage response;
        await using (await AuditFault.RefuseTargetAsync(Server, "model:" + repo))
        {
            response = await CommitAsync(api, repo, CommitBody([("later.txt", "not recorded, not committed\n")]));
        }

        Assert.True((int)response.StatusCode >= 500, $"commit answered {(int)response.StatusCode} with its event unwritable");
        Assert.Equal(head, await HeadAsync(api, repo));
    }

    [Fact]
    public async Task GitPush_AuditTableRefusesEvent_IsRefusedAndTheBranchStays()
    {
        var (api, repo, token) = await RepoWithOneCommitAndTokenAsync();
        var head = await HeadAsync(api, repo);
        using var git = await CloneWithNewCommitAsync(repo, token);

        GitResult push;
        await using (await AuditFault.RefuseTargetAsync(Server, "model:" + repo))
        {
            push = await git.RunAsync("work", "push", "--quiet", "origin", "main");
        }

        Assert.NotEqual(0, push.ExitCode);
        Assert.Equal(head, await HeadAsync(api, repo));
    }

    [Fact]
    public async Task GitPush_Recorded_StartedBeforeSuccess_WithTheSameRefs()
    {
        var (api, repo, token) = await RepoWithOneCommitAndTokenAsync();
        using var git = await CloneWithNewCommitAsync(repo, token);

        await git.OkAsync("work", "push", "--quiet", "origin", "main");
        var pushed = (await git.OkAsync("work", "rev-parse", "HEAD")).Trim();

        var events = await EventsAsync("repo.push", "model:" + repo);
        Assert.Equal(["started", "success"], events.Select(e => e.Outcome));
        Assert.True(events[0].Id < events[1].Id);
        Assert.All(events, e => Assert.Contains("refs/heads/main:" + pushed[..12], e.DetailsJson, StringComparison.Ordinal));
    }

    private async Task<(HttpClient Api, string Repo)> RepoWithOneCommitAsync()
    {
        var (api, repo, _) = await RepoWithOneCommitAndTokenAsync();
        return (api, repo);
    }

    private async Task<(HttpClient Api, string Repo, string Token)> RepoWithOneCommitAndTokenAsync()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: true);
        var token = await TokenAsync(alice, "repo.content.read", "repo.write");
        var api = Server.NewClient(token);
        var repo = $"{alice.Name}/{name}";
        await CommitFilesAsync(api, repo, ("README.md", "# model\n"));
        return (api, repo, token);
    }

    private async Task<GitClient> CloneWithNewCommitAsync(string repo, string token)
    {
        var git = new GitClient();
        await git.OkAsync("", "clone", "--quiet", GitClient.Url(Server.BaseAddress, repo + ".git", token), "work");
        await File.WriteAllTextAsync(git.PathOf("work/pushed.txt"), "pushed with git\n");
        await git.OkAsync("work", "add", ".");
        await git.OkAsync("work", "commit", "--quiet", "-m", "from git");
        return git;
    }

    private static async Task<int> PrimaryAsync(HttpClient admin)
    {
        using var status = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/kms/status"));
        return status.RootElement.GetProperty("primaryVersion").GetInt32();
    }

    private async Task<List<Strongroom.Data.Audit.AuditRecord>> EventsAsync(string action, string target)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Action == action && e.Target == target).OrderBy(e => e.Id).ToListAsync();
    }
}

public sealed class AuditBeforeOutsideWorkSqliteTests(SqliteServerFixture fixture) : AuditBeforeOutsideWorkTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AuditBeforeOutsideWorkPostgresTests(PostgresServerFixture fixture)
    : AuditBeforeOutsideWorkTests(fixture), IClassFixture<PostgresServerFixture>;
