using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Repos;

/// <summary>Repository content through the commit API, as a client sends it, for the repository tests.</summary>
internal static class RepoContentHelpers
{
    /// <summary>A fine-grained token of <paramref name="user"/> on their own namespace with these permissions.</summary>
    public static async Task<string> TokenAsync(TestUser user, params string[] permissions)
    {
        var (_, token) = await Hub.CreateTokenAsync(user, new
        {
            displayName = "git-" + Guid.NewGuid().ToString("N")[..6],
            fineGrained = new { scoped = new[] { new { entity = new { type = "user", name = user.Name }, permissions } } },
        });
        return token;
    }

    /// <summary>The NDJSON body of a commit adding these files.</summary>
    public static string CommitBody(IEnumerable<(string Path, string Content)> files, string summary = "test commit", string? parent = null)
    {
        var lines = new List<string> { JsonSerializer.Serialize(new { key = "header", value = new { summary, parentCommit = parent } }) };
        lines.AddRange(files.Select(f => JsonSerializer.Serialize(new
        {
            key = "file",
            value = new { path = f.Path, content = Convert.ToBase64String(Encoding.UTF8.GetBytes(f.Content)), encoding = "base64" },
        })));
        return string.Join('\n', lines);
    }

    public static Task<HttpResponseMessage> CommitAsync(HttpClient client, string repo, string body, string branch = "main", string query = "") =>
        client.PostAsync($"/api/models/{repo}/commit/{branch}{query}", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

    /// <summary>Commits the files and returns the new commit id; fails the test otherwise.</summary>
    public static async Task<string> CommitFilesAsync(HttpClient client, string repo, params (string Path, string Content)[] files)
    {
        var response = await CommitAsync(client, repo, CommitBody(files));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("commitOid").GetString()!;
    }

    /// <summary>The commit a branch points at, through the revision API.</summary>
    public static async Task<string> HeadAsync(HttpClient client, string repo, string revision = "main")
    {
        var info = await client.GetFromJsonAsync<JsonElement>($"/api/models/{repo}/revision/{revision}");
        return info.GetProperty("sha").GetString()!;
    }
}
