using System.Diagnostics;
using System.Text.Json;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Compatibility;

/// <summary>
/// The official Hugging Face JS client (<c>@huggingface/hub</c>, pinned in tests/hfjs) runs unchanged
/// against a server whose token prefix is <c>hf</c> (the client refuses any other), with both a
/// fine-grained and a classic token.
/// </summary>
public sealed class HuggingFaceJsClientTests
{
    [Theory]
    [InlineData("fineGrained", DbProvider.Sqlite)]
    [InlineData("write", DbProvider.Sqlite)]
    [InlineData("fineGrained", DbProvider.Postgres)]
    [InlineData("write", DbProvider.Postgres)]
    public async Task OfficialClient_WhoAmICreateCheckListDelete_Works(string role, DbProvider database)
    {
        // Arrange
        await using var server = await TestServer.StartAsync(database, new Dictionary<string, string> { ["Tokens:Prefix"] = "hf" });
        var hub = new Hub(server);
        var alice = await hub.CreateUserAsync("alice");
        object body = role == "fineGrained"
            ? new { displayName = "js", role, fineGrained = new { scoped = new[] { new { entity = new { type = "user", name = alice.Name }, permissions = new[] { "repo.content.read", "repo.write" } } } } }
            : new { displayName = "js", role };
        var (_, token) = await Hub.CreateTokenAsync(alice, body);
        Assert.StartsWith("hf_", token, StringComparison.Ordinal);

        // Act
        var result = await RunClientAsync(server.BaseAddress, token, alice.Name, Guid.NewGuid().ToString("N")[..6]);

        // Assert
        var who = Value(result, "whoAmI");
        Assert.Equal("user", who.GetProperty("type").GetString());
        Assert.Equal(alice.Name, who.GetProperty("name").GetString());
        Assert.Equal(role, who.GetProperty("role").GetString());
        Assert.True(who.GetProperty("createdAtIsDate").GetBoolean());
        Assert.Contains("/m-", Value(result, "createModel").GetString(), StringComparison.Ordinal);
        Assert.Contains("/spaces/", Value(result, "createSpace").GetString(), StringComparison.Ordinal);
        Assert.True(Value(result, "checkModel").GetBoolean());
        var models = Value(result, "listModels").EnumerateArray().ToList();
        Assert.Single(models);
        Assert.True(models[0].GetProperty("private").GetBoolean());
        var spaces = Value(result, "listSpaces").EnumerateArray().ToList();
        Assert.Equal("gradio", Assert.Single(spaces).GetProperty("sdk").GetString());
        Assert.True(Value(result, "deleteModel").GetBoolean());
        Assert.True(Value(result, "deleteSpace").GetBoolean());
        var deleted = result.GetProperty("checkDeleted");
        Assert.False(deleted.GetProperty("ok").GetBoolean());
        Assert.Equal(404, deleted.GetProperty("status").GetInt32());
    }

    private static JsonElement Value(JsonElement result, string call)
    {
        var entry = result.GetProperty(call);
        Assert.True(entry.GetProperty("ok").GetBoolean(), $"{call} failed: {entry}");
        return entry.GetProperty("value");
    }

    private static async Task<JsonElement> RunClientAsync(Uri hubUrl, string token, string owner, string suffix)
    {
        var dir = FindClientDirectory();
        var start = new ProcessStartInfo("node", "compat.mjs")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HUB_URL"] = hubUrl.ToString().TrimEnd('/');
        start.Environment["HF_TOKEN"] = token;
        start.Environment["OWNER"] = owner;
        start.Environment["SUFFIX"] = suffix;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    private static string FindClientDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "hfjs");
            if (File.Exists(Path.Combine(candidate, "compat.mjs")))
            {
                Assert.True(Directory.Exists(Path.Combine(candidate, "node_modules", "@huggingface", "hub")),
                    "The Hugging Face JS client is not installed: run ./test.sh (it runs npm ci in tests/hfjs).");
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/hfjs/compat.mjs not found above the test binaries");
    }
}
