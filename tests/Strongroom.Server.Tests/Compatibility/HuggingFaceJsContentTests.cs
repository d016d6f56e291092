using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Compatibility;

/// <summary>
/// The official Hugging Face JS client, unchanged, through repository content: info for each repository
/// type, upload (nested paths, binary), listing, download, existence, deletion, and push protection's
/// refusals as the client reports them; then <c>git clone</c> of the same repository agrees with it.
/// </summary>
public sealed class HuggingFaceJsContentTests
{
    private const string ThirdPartyKey = "GITHUB_TOKEN=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\n";

    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task OfficialClient_UploadListDownloadDelete_AgreesWithGitClone(DbProvider database)
    {
        // Arrange
        await using var server = await TestServer.StartAsync(database, new Dictionary<string, string> { ["Tokens:Prefix"] = "hf" });
        var hub = new Hub(server);
        var alice = await hub.CreateUserAsync("alice");
        var grant = new { scoped = new[] { new { entity = new { type = "user", name = alice.Name }, permissions = new[] { "repo.content.read", "repo.write" } } } };
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "js", fineGrained = grant });
        var (_, leaked) = await Hub.CreateTokenAsync(alice, new { displayName = "in-code", fineGrained = grant });
        var suffix = Guid.NewGuid().ToString("N")[..6];

        // Act
        var result = await HfJsClient.RunAsync("content.mjs", new Dictionary<string, string>
        {
            ["HUB_URL"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["HF_TOKEN"] = token,
            ["OWNER"] = alice.Name,
            ["SUFFIX"] = suffix,
            ["LEAK"] = $"import os\nHF_TOKEN = \"{leaked}\"\n",
            ["THIRD_PARTY"] = ThirdPartyKey,
        });

        // Assert: info
        var info = HfJsClient.Value(result, "modelInfo");
        Assert.True(info.GetProperty("private").GetBoolean());
        Assert.Matches("^[0-9a-f]{40}$", info.GetProperty("sha").GetString());
        Assert.Contains(".gitattributes", info.GetProperty("filePaths").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains(HfJsClient.Failure(result, "modelInfoAnonymous").Status, new int?[] { 401, 404 });
        Assert.False(HfJsClient.Value(result, "datasetInfoAnonymous").GetProperty("private").GetBoolean());
        Assert.Equal("static", HfJsClient.Value(result, "spaceInfo").GetProperty("sdk").GetString());

        // Assert: content
        Assert.Matches("^[0-9a-f]{40}$", HfJsClient.Value(result, "uploadFile").GetString());
        Assert.Matches("^[0-9a-f]{40}$", HfJsClient.Value(result, "uploadFiles").GetString());
        var listed = HfJsClient.Value(result, "listFiles").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => (Type: f.GetProperty("type").GetString(), Size: f.GetProperty("size").GetInt64()));
        Assert.Equal(("file", 8L), listed["README.md"]);
        Assert.Equal("directory", listed["dir/sub"].Type);
        Assert.Equal(("file", 4096L), listed["dir/sub/b.bin"]);
        Assert.True(listed.ContainsKey("dir/sub/deeper/c.json"));
        Assert.True(HfJsClient.Value(result, "downloadFile").GetBoolean());
        Assert.Equal("# hello\n", HfJsClient.Value(result, "downloadReadme").GetString());
        Assert.True(HfJsClient.Value(result, "fileExists").GetBoolean());
        Assert.False(HfJsClient.Value(result, "fileMissing").GetBoolean());
        var head = HfJsClient.Value(result, "deleteFile").GetString();
        Assert.False(HfJsClient.Value(result, "existsAfterDelete").GetBoolean());

        // Assert: push protection, as the client shows it
        var (leakStatus, leakMessage) = HfJsClient.Failure(result, "uploadLeak");
        Assert.Equal(422, leakStatus);
        Assert.Contains("src/app.py:2", leakMessage, StringComparison.Ordinal);
        Assert.Contains("strongroom-token", leakMessage, StringComparison.Ordinal);
        Assert.Contains("Rotate", leakMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(leaked, leakMessage, StringComparison.Ordinal);
        var (publicStatus, publicMessage) = HfJsClient.Failure(result, "uploadThirdPartyPublic");
        Assert.Equal(422, publicStatus);
        Assert.Contains("config.env:1", publicMessage, StringComparison.Ordinal);
        Assert.Contains("github-classic-pat", publicMessage, StringComparison.Ordinal);
        Assert.Contains("Warning", HfJsClient.Value(result, "uploadThirdPartyPrivate").GetProperty("hookOutput").GetString(), StringComparison.Ordinal);
        Assert.Equal(head, HfJsClient.Value(result, "headAfter").GetString());
        using (var leakedClient = server.NewClient(leaked))
        {
            Assert.Equal(HttpStatusCode.OK, (await leakedClient.GetAsync("/api/whoami-v2")).StatusCode);
        }

        // Assert: git sees what the client wrote
        using var git = new GitClient();
        await git.OkAsync("", "clone", "--quiet", GitClient.Url(server.BaseAddress, $"{alice.Name}/c-{suffix}", token), "clone");
        Assert.Equal(head, (await git.OkAsync("clone", "rev-parse", "HEAD")).Trim());
        Assert.Equal("# hello\n", await File.ReadAllTextAsync(git.PathOf("clone/README.md")));
        Assert.Equal(4096, new FileInfo(git.PathOf("clone/dir/sub/b.bin")).Length);
        Assert.False(File.Exists(git.PathOf("clone/dir/a.txt")));
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var pushEvents = await db.AuditEvents.AsNoTracking().Where(e => e.Action.StartsWith("push.")).Select(e => e.Action).ToListAsync();
        Assert.Equal(2, pushEvents.Count(a => a == "push.block"));
        Assert.Equal(1, pushEvents.Count(a => a == "push.warn"));
    }
}
