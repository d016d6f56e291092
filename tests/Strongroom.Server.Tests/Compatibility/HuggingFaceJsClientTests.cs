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
        var result = await HfJsClient.RunAsync("compat.mjs", new Dictionary<string, string>
        {
            ["HUB_URL"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["HF_TOKEN"] = token,
            ["OWNER"] = alice.Name,
            ["SUFFIX"] = Guid.NewGuid().ToString("N")[..6],
        });

        // Assert
        var who = HfJsClient.Value(result, "whoAmI");
        Assert.Equal("user", who.GetProperty("type").GetString());
        Assert.Equal(alice.Name, who.GetProperty("name").GetString());
        Assert.Equal(role, who.GetProperty("role").GetString());
        Assert.True(who.GetProperty("createdAtIsDate").GetBoolean());
        Assert.Contains("/m-", HfJsClient.Value(result, "createModel").GetString(), StringComparison.Ordinal);
        Assert.Contains("/spaces/", HfJsClient.Value(result, "createSpace").GetString(), StringComparison.Ordinal);
        Assert.True(HfJsClient.Value(result, "checkModel").GetBoolean());
        var models = HfJsClient.Value(result, "listModels").EnumerateArray().ToList();
        Assert.Single(models);
        Assert.True(models[0].GetProperty("private").GetBoolean());
        var spaces = HfJsClient.Value(result, "listSpaces").EnumerateArray().ToList();
        Assert.Equal("gradio", Assert.Single(spaces).GetProperty("sdk").GetString());
        Assert.True(HfJsClient.Value(result, "deleteModel").GetBoolean());
        Assert.True(HfJsClient.Value(result, "deleteSpace").GetBoolean());
        var deleted = result.GetProperty("checkDeleted");
        Assert.False(deleted.GetProperty("ok").GetBoolean());
        Assert.Equal(404, deleted.GetProperty("status").GetInt32());
    }
}
