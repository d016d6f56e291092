using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Secrets;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Infrastructure.ApiAssert;

namespace Strongroom.Server.Tests.Secrets;

/// <summary>
/// Space secrets and variables through the hub's HTTP shapes (the paths and bodies huggingface_hub's
/// add/delete_space_secret, add/get/delete_space_variable(s) and duplicate_space send), on each
/// database and each KMS provider.
/// </summary>
public abstract partial class SpaceSecretsTests(ServerFixture fixture)
{
    private const string HubTime = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$";

    private TestServer Server => fixture.Server;

    private Hub Hub => fixture.Hub;

    private async Task<(TestUser Owner, string Space, HttpClient Client)> SpaceWithSecretsTokenAsync(bool isPrivate = true)
    {
        var (owner, space) = await Hub.CreateSpaceAsync(isPrivate);
        var token = await Hub.CreateSpaceTokenAsync(owner, space, "repo.secrets.write", "repo.content.read");
        return (owner, space, Server.NewClient(token));
    }

    private static Task<HttpResponseMessage> DeleteJsonAsync(HttpClient client, string path, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent.Create(body) });

    [Fact]
    public async Task Secrets_AddListDelete_ListingNeverHoldsAValue()
    {
        var (_, space, client) = await SpaceWithSecretsTokenAsync();
        var value = "sk-" + Guid.NewGuid().ToString("N");

        var added = await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "OPENAI_API_KEY", value, description = "for the demo" }));
        var updated = await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "OPENAI_API_KEY", value = value + "-2" }));
        var listing = await client.GetAsync($"/api/spaces/{space}/secrets");
        var listingText = await listing.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        var entry = JsonDocument.Parse(listingText).RootElement.GetProperty("OPENAI_API_KEY");
        Assert.Equal("OPENAI_API_KEY", entry.GetProperty("key").GetString());
        Assert.Equal("for the demo", entry.GetProperty("description").GetString()); // an update without a description keeps it
        Assert.Matches(HubTime, entry.GetProperty("updatedAt").GetString());
        Assert.False(entry.TryGetProperty("value", out _));
        foreach (var text in new[] { listingText, added.GetRawText(), updated.GetRawText() })
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        var deleted = await JsonAsync(await DeleteJsonAsync(client, $"/api/spaces/{space}/secrets", new { key = "OPENAI_API_KEY" }));
        Assert.False(deleted.TryGetProperty("OPENAI_API_KEY", out _));
        var again = await JsonAsync(await DeleteJsonAsync(client, $"/api/spaces/{space}/secrets", new { key = "OPENAI_API_KEY" }), HttpStatusCode.NotFound);
        Assert.Equal("secret_not_found", again.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Variables_AddGetDelete_InTheShapesHuggingFaceHubReads()
    {
        var (_, space, client) = await SpaceWithSecretsTokenAsync();

        // add_space_variable and delete_space_variable read the whole listing back: {KEY: {value, description, updatedAt}}.
        var afterAdd = await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/variables", new { key = "MODEL_REPO_ID", value = "acme/bert", description = "which model" }));
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/variables", new { key = "TEMPERATURE", value = "0.7" }));
        var listing = await JsonAsync(await client.GetAsync($"/api/spaces/{space}/variables"));
        var afterDelete = await JsonAsync(await DeleteJsonAsync(client, $"/api/spaces/{space}/variables", new { key = "TEMPERATURE" }));

        Assert.Equal("acme/bert", afterAdd.GetProperty("MODEL_REPO_ID").GetProperty("value").GetString());
        Assert.Equal("which model", listing.GetProperty("MODEL_REPO_ID").GetProperty("description").GetString());
        Assert.Equal("0.7", listing.GetProperty("TEMPERATURE").GetProperty("value").GetString());
        Assert.Matches(HubTime, listing.GetProperty("TEMPERATURE").GetProperty("updatedAt").GetString());
        Assert.Equal(["MODEL_REPO_ID"], afterDelete.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("1KEY")]
    [InlineData("_KEY")]
    [InlineData("MY-KEY")]
    [InlineData("MY KEY")]
    [InlineData("KEY\n")]
    [InlineData("CLÉ")]
    [InlineData("")]
    public async Task Write_KeyOutsideTheHubRule_Is400(string key)
    {
        var (_, space, client) = await SpaceWithSecretsTokenAsync();

        var secret = await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key, value = "v" }), HttpStatusCode.BadRequest);
        var variable = await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/variables", new { key, value = "v" }), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_key", secret.GetProperty("code").GetString());
        Assert.Equal("invalid_key", variable.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Write_ValueOver64KiB_Is413_AndExactly64KiBIsAccepted()
    {
        var (_, space, client) = await SpaceWithSecretsTokenAsync();

        var atLimit = await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "BIG", value = new string('a', 64 * 1024) });
        var over = await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "BIGGER", value = new string('a', (64 * 1024) + 1) }), HttpStatusCode.RequestEntityTooLarge);
        var multiByte = await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/variables", new { key = "WIDE", value = new string('é', (32 * 1024) + 1) }), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal("value_too_large", over.GetProperty("code").GetString());
        Assert.Equal("value_too_large", multiByte.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Write_BeyondTheCountLimit_Is400_AndUpdatesStillWork()
    {
        var (_, space, client) = await SpaceWithSecretsTokenAsync();
        var limit = new SpaceOptions().MaxSecretsPerSpace;
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = $"K{i}", value = "v" })).StatusCode);
        }

        var refused = await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "ONE_MORE", value = "v" }), HttpStatusCode.BadRequest);
        var update = await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "K0", value = "w" });

        Assert.Equal("too_many_secrets", refused.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
    }

    [Fact]
    public async Task Manage_NeedsSecretsWriteOrClassicWrite_OnASpaceTheOwnerMayWrite()
    {
        var owner = await Hub.CreateUserAsync("owner");
        var other = await Hub.CreateUserAsync("other");
        var name = Hub.Unique("app");
        var publicName = Hub.Unique("pub");
        await Hub.CreateRepoAsync(owner, owner.Name, name, isPrivate: true, "space");
        await Hub.CreateRepoAsync(owner, owner.Name, publicName, isPrivate: false, "space");
        var space = $"{owner.Name}/{name}";
        var scoped = new[] { new { entity = new { type = "user", name = owner.Name }, permissions = new[] { "repo.write", "repo.content.read" } } };
        var (_, writeOnly) = await Hub.CreateTokenAsync(owner, new { displayName = "w", fineGrained = new { scoped } });
        var (_, classicWrite) = await Hub.CreateTokenAsync(owner, new { displayName = "cw", role = "write" });
        var (_, classicRead) = await Hub.CreateTokenAsync(owner, new { displayName = "cr", role = "read" });
        var (_, otherWrite) = await Hub.CreateTokenAsync(other, new { displayName = "ow", role = "write" });
        var body = new { key = "K", value = "v" };

        async Task<HttpStatusCode> PostAsync(string? token, string target) =>
            (await Server.NewClient(token).PostAsJsonAsync($"/api/spaces/{target}/secrets", body)).StatusCode;

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(writeOnly, space));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(classicWrite, space));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(classicRead, space));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(otherWrite, space));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(otherWrite, $"{owner.Name}/{publicName}"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(classicWrite, $"{owner.Name}/{Hub.Unique("missing")}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(null, space));
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.NewClient(classicRead).GetAsync($"/api/spaces/{space}/secrets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.NewClient(classicRead).GetAsync($"/api/spaces/{space}/variables")).StatusCode);
    }
}

public sealed class SpaceSecretsSqliteLocalTests(SqliteServerFixture fixture) : SpaceSecretsTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class SpaceSecretsSqlitePkcs11Tests(SqlitePkcs11ServerFixture fixture) : SpaceSecretsTests(fixture), IClassFixture<SqlitePkcs11ServerFixture>;

public sealed class SpaceSecretsPostgresLocalTests(PostgresServerFixture fixture) : SpaceSecretsTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class SpaceSecretsPostgresPkcs11Tests(PostgresPkcs11ServerFixture fixture) : SpaceSecretsTests(fixture), IClassFixture<PostgresPkcs11ServerFixture>;
