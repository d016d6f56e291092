using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Strongroom.Server.Tests.Secrets;

public abstract partial class SpaceSecretsTests
{
    [Theory]
    [InlineData("secrets")]
    [InlineData("variables")]
    public async Task ManyWritersOfOneNewKeyAtOnce_EachIsAnsweredOkOrConflict_NeverAServerError(string kind)
    {
        var (_, space, client) = await SpaceWithSecretsTokenAsync();
        var mark = Server.Logs.Mark();

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            client.PostAsJsonAsync($"/api/spaces/{space}/{kind}", new { key = "RACED", value = "value-" + i })));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"a writer was answered {(int)s}"));
        Assert.Contains(HttpStatusCode.OK, statuses);
        var listing = await client.GetFromJsonAsync<JsonElement>($"/api/spaces/{space}/{kind}");
        Assert.Equal(["RACED"], listing.EnumerateObject().Select(p => p.Name));
        // A lost race is answered (409, or won on a retry): nothing for an operator to act on, so no error in the log.
        Assert.Equal("", Server.Logs.ErrorText(mark));
    }
}
