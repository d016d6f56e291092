using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Repos.RepoContentHelpers;

namespace Strongroom.Server.Tests.Repos;

/// <summary>
/// The commit API refuses every malformed write with a clear 4xx and leaves the branch where it was; it
/// never loses a commit to a concurrent writer; reading (tree pages, revisions, ranges) matches what was written.
/// The server runs with small limits (files of 1,000 bytes, bodies of 20,000, pages of 3 entries) so that they are cheap to cross.
/// </summary>
public abstract class CommitApiTests(ServerFixture fixture)
{
    private Hub Hub => fixture.Hub;

    private TestServer Server => fixture.Server;

    public static TheoryData<string, string, int, string> BadBodies()
    {
        static string Header() => JsonSerializer.Serialize(new { key = "header", value = new { summary = "bad" } });
        static string File(string path, string content = "eA==") => JsonSerializer.Serialize(new { key = "file", value = new { path, content, encoding = "base64" } });
        return new TheoryData<string, string, int, string>
        {
            { "absolute path", Header() + "\n" + File("/etc/passwd"), 400, "invalid_path" },
            { "dot-dot", Header() + "\n" + File("a/../../b"), 400, "invalid_path" },
            { "backslash", Header() + "\n" + File("a\\b"), 400, "invalid_path" },
            { "NUL", Header() + "\n" + File("a\u0000b"), 400, "invalid_path" },
            { "control character", Header() + "\n" + File("a\u0001b"), 400, "invalid_path" },
            { ".git", Header() + "\n" + File(".git/config"), 400, "invalid_path" },
            { ".GIT nested", Header() + "\n" + File("x/.GIT/hooks/pre-receive"), 400, "invalid_path" },
            { "empty segment", Header() + "\n" + File("a//b"), 400, "invalid_path" },
            { "path too long", Header() + "\n" + File(string.Join('/', Enumerable.Repeat("abcdefghij", 110))), 400, "invalid_path" },
            { "segment too long", Header() + "\n" + File(new string('s', 256)), 400, "invalid_path" },
            { "invalid base64", Header() + "\n" + File("a.txt", "not base64!"), 400, "invalid_base64" },
            { "unknown key", Header() + "\n" + "{\"key\":\"rename\",\"value\":{\"path\":\"a\"}}", 400, "invalid_key" },
            { "missing header", File("a.txt"), 400, "missing_header" },
            { "header twice", Header() + "\n" + Header(), 400, "invalid_header" },
            { "empty body", "", 400, "missing_header" },
            { "not JSON", Header() + "\n{not json", 400, "invalid_ndjson" },
            { "duplicate path", Header() + "\n" + File("a.txt") + "\n" + File("a.txt"), 400, "duplicate_path" },
            { "LFS", Header() + "\n{\"key\":\"lfsFile\",\"value\":{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":\"00\",\"size\":5}}", 400, "lfs_unsupported" },
            { "bad parent", JsonSerializer.Serialize(new { key = "header", value = new { summary = "x", parentCommit = "HEAD~1" } }), 400, "invalid_header" },
            { "file over the limit", Header() + "\n" + File("big.bin", Convert.ToBase64String(new byte[1001])), 413, "file_too_large" },
            { "line over the limit", Header() + "\n" + File("big.bin", new string('A', 12_000)), 400, "line_too_long" },
            { "body over the limit", Header() + "\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => File($"f{i}.bin", Convert.ToBase64String(new byte[700])))), 413, "payload_too_large" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Commit_WithABadBody_IsRefusedAndTheBranchStays(string what, string body, int status, string code)
    {
        var (repo, api) = await RepoAsync();
        var before = await HeadAsync(api, repo);

        var response = await CommitAsync(api, repo, body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode} {text}");
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.Equal(before, await HeadAsync(api, repo));
    }

    [Theory]
    [InlineData("bad..branch")]
    [InlineData("ends.lock")]
    [InlineData("-leading-dash%20space")]
    [InlineData("a%5Bb")]
    public async Task Commit_ToABranchNameGitRefuses_Is400(string branch)
    {
        var (repo, api) = await RepoAsync();

        var response = await CommitAsync(api, repo, CommitBody([("a.txt", "a")]), branch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_revision", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Commit_WithAStaleParent_Is412_AndDeletingWhatIsNotThere_Is404()
    {
        var (repo, api) = await RepoAsync();
        var first = await HeadAsync(api, repo);
        await CommitFilesAsync(api, repo, ("a.txt", "a"));
        var second = await HeadAsync(api, repo);

        var stale = await CommitAsync(api, repo, CommitBody([("b.txt", "b")], parent: first));
        var current = await CommitAsync(api, repo, CommitBody([("b.txt", "b")], parent: second));
        var missing = await CommitAsync(api, repo, JsonSerializer.Serialize(new { key = "header", value = new { summary = "rm" } }) + "\n"
            + JsonSerializer.Serialize(new { key = "deletedFile", value = new { path = "nope.txt" } }));
        var noBranch = await CommitAsync(api, repo, CommitBody([("c.txt", "c")]), "no-such-branch");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("EntryNotFound", missing.Headers.GetValues("X-Error-Code").Single());
        Assert.Equal(HttpStatusCode.NotFound, noBranch.StatusCode);
    }

    [Fact]
    public async Task Commits_FromConcurrentWriters_AreAllKept()
    {
        var (repo, api) = await RepoAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CommitAsync(api, repo, CommitBody([($"writer-{i}.txt", $"{i}\n")]))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var files = (await api.GetFromJsonAsync<JsonElement>($"/api/models/{repo}/revision/main")).GetProperty("siblings").EnumerateArray()
            .Select(s => s.GetProperty("rfilename").GetString()).ToList();
        Assert.All(Enumerable.Range(0, 8), i => Assert.Contains($"writer-{i}.txt", files));
    }

    [Fact]
    public async Task DeletedFolder_RemovesEverythingUnderIt()
    {
        var (repo, api) = await RepoAsync();
        await CommitFilesAsync(api, repo, ("data/a.txt", "a"), ("data/deep/b.txt", "b"), ("keep.txt", "k"));

        var response = await CommitAsync(api, repo, JsonSerializer.Serialize(new { key = "header", value = new { summary = "rm" } }) + "\n"
            + JsonSerializer.Serialize(new { key = "deletedFolder", value = new { path = "data/" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var files = (await api.GetFromJsonAsync<JsonElement>($"/api/models/{repo}/revision/main")).GetProperty("siblings").EnumerateArray()
            .Select(s => s.GetProperty("rfilename").GetString()).ToList();
        Assert.Equal([".gitattributes", "keep.txt"], files.Order());
    }

    [Fact]
    public async Task Tree_PagesThroughTheLinkHeader_PinnedToOneCommit()
    {
        var (repo, api) = await RepoAsync();
        await CommitFilesAsync(api, repo, [.. Enumerable.Range(0, 7).Select(i => ($"d/f{i}.txt", $"{i}"))]);

        var paths = new List<string>();
        var url = $"/api/models/{repo}/tree/main/d?recursive=true";
        var pages = 0;
        while (url is not null)
        {
            var response = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            paths.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.GetProperty("path").GetString()!));
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
            pages++;
            if (pages == 1)
            {
                // The branch moves between pages; the listing does not.
                await CommitFilesAsync(api, repo, ("d/zz-late.txt", "late"));
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"d/f{i}.txt"), paths);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/models/{repo}/tree/main/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/models/{repo}/tree/no-branch")).StatusCode);
    }

    [Fact]
    public async Task Download_HonoursRangeETagAndRevisions()
    {
        var (repo, api) = await RepoAsync();
        var first = await CommitFilesAsync(api, repo, ("f.txt", "0123456789"));
        await CommitFilesAsync(api, repo, ("f.txt", "abcdefghij"));

        var range = new HttpRequestMessage(HttpMethod.Get, $"/{repo}/resolve/main/f.txt");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(2, 4);
        var partial = await api.SendAsync(range);
        var full = await api.GetAsync($"/{repo}/raw/main/f.txt");
        var again = new HttpRequestMessage(HttpMethod.Get, $"/{repo}/resolve/main/f.txt");
        again.Headers.IfNoneMatch.Add(full.Headers.ETag!);
        var notModified = await api.SendAsync(again);
        var old = await api.GetStringAsync($"/{repo}/resolve/{first}/f.txt");
        var head = await api.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{repo}/raw/main/f.txt"));

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("cde", await partial.Content.ReadAsStringAsync());
        Assert.Equal("bytes 2-4/10", partial.Content.Headers.ContentRange!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("0123456789", old);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(10, head.Content.Headers.ContentLength);
    }

    private async Task<(string Repo, HttpClient Api)> RepoAsync()
    {
        var alice = await Hub.CreateUserAsync("alice");
        var name = Hub.Unique("m");
        await Hub.CreateRepoAsync(alice, alice.Name, name, isPrivate: true);
        return ($"{alice.Name}/{name}", Server.NewClient(await TokenAsync(alice, "repo.content.read", "repo.write")));
    }
}

public sealed class SqliteSmallRepoLimitsFixture() : ServerFixture(DbProvider.Sqlite, settings: SmallRepoLimits.Settings);

public sealed class PostgresSmallRepoLimitsFixture() : ServerFixture(DbProvider.Postgres, settings: SmallRepoLimits.Settings);

internal static class SmallRepoLimits
{
    public static Dictionary<string, string> Settings => new()
    {
        ["Repos:MaxFileBytes"] = "1000",
        ["Repos:MaxCommitBytes"] = "20000",
        ["Repos:TreePageSize"] = "3",
    };
}

public sealed class CommitApiSqliteTests(SqliteSmallRepoLimitsFixture fixture) : CommitApiTests(fixture), IClassFixture<SqliteSmallRepoLimitsFixture>;

public sealed class CommitApiPostgresTests(PostgresSmallRepoLimitsFixture fixture) : CommitApiTests(fixture), IClassFixture<PostgresSmallRepoLimitsFixture>;
