using System.Net;
using System.Net.Http.Json;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Api;

/// <summary><c>GET /</c> says what the server is; the <c>url</c> that repository creation answers resolves.</summary>
public sealed class HomeAndRepoPageTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task Home_IsAPageNamingTheServerItsVersionAndTheApi_WithNoScript()
    {
        var response = await fixture.Server.NewClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Strongroom", html, StringComparison.Ordinal);
        Assert.Matches(@"Version <code>\d+\.\d+\.\d+", html);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Contains("strongroom login", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("dataset")]
    [InlineData("space")]
    public async Task CreatedRepoUrl_AnswersJsonToApiClients_AndAPageToBrowsers(string type)
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var name = Hub.Unique("r");
        var created = await ApiAssert.JsonAsync(await alice.Session.PostAsJsonAsync("/api/repos/create", new { name, type, @private = true, sdk = type == "space" ? "gradio" : null }));
        var url = new Uri(created.GetProperty("url").GetString()!);

        var json = await ApiAssert.JsonAsync(await alice.Session.GetAsync(url.PathAndQuery));
        using var asBrowser = new HttpRequestMessage(HttpMethod.Get, url.PathAndQuery);
        asBrowser.Headers.Add("Accept", "text/html,application/xhtml+xml");
        var page = await alice.Session.SendAsync(asBrowser);
        var anonymous = await fixture.Server.NewClient().GetAsync(url.PathAndQuery);

        Assert.Equal($"{alice.Name}/{name}", json.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"{alice.Name}/{name}", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode); // private, as the API answers it
    }
}
