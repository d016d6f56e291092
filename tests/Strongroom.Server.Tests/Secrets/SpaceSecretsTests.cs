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
public abstract class SpaceSecretsTests(ServerFixture fixture)
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

    [Fact]
    public async Task StoredSecret_OpensToItsValue_AndNowhereElse()
    {
        var (owner, space, client) = await SpaceWithSecretsTokenAsync();
        var otherName = Hub.Unique("twin");
        await Hub.CreateRepoAsync(owner, owner.Name, otherName, isPrivate: true, "space");
        var a = "alpha-" + Guid.NewGuid().ToString("N");
        var b = "bravo-" + Guid.NewGuid().ToString("N");
        var c = "charlie-" + Guid.NewGuid().ToString("N");
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "A", value = a }));
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "B", value = b }));
        var (_, classic) = await Hub.CreateTokenAsync(owner, new { displayName = "cw", role = "write" });
        await JsonAsync(await Server.NewClient(classic).PostAsJsonAsync($"/api/spaces/{owner.Name}/{otherName}/secrets", new { key = "A", value = c }));

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var sealer = scope.ServiceProvider.GetRequiredService<SecretSealer>();
        var spaceId = await db.Repositories.Where(r => r.Namespace == owner.Name && r.Name == space.Split('/')[1]).Select(r => r.Id).SingleAsync();
        var twinId = await db.Repositories.Where(r => r.Namespace == owner.Name && r.Name == otherName).Select(r => r.Id).SingleAsync();
        var rows = await db.SpaceSecrets.AsNoTracking().Where(s => s.RepoId == spaceId || s.RepoId == twinId).ToListAsync();
        var rowA = rows.Single(s => s.RepoId == spaceId && s.Key == "A");
        var rowB = rows.Single(s => s.RepoId == spaceId && s.Key == "B");
        var twinA = rows.Single(s => s.RepoId == twinId && s.Key == "A");

        Assert.Equal(a, System.Text.Encoding.UTF8.GetString(sealer.Open(spaceId, "A", rowA.Version, rowA.Sealed)));
        // Another Space's record under the same key name, or another key's record in the same Space, does not open.
        Assert.Throws<SecretIntegrityException>(() => sealer.Open(spaceId, "A", twinA.Version, twinA.Sealed));
        Assert.Throws<SecretIntegrityException>(() => sealer.Open(spaceId, "A", rowB.Version, rowB.Sealed));
        Assert.Throws<SecretIntegrityException>(() => sealer.Open(spaceId, "A", rowA.Version + 1, rowA.Sealed));
    }

    [Fact]
    public async Task SwappedRecordsInTheDatabase_FailToOpen()
    {
        var (owner, space, client) = await SpaceWithSecretsTokenAsync();
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "A", value = "value-of-a" }));
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "B", value = "value-of-b" }));

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var sealer = scope.ServiceProvider.GetRequiredService<SecretSealer>();
        var spaceId = await db.Repositories.Where(r => r.Namespace == owner.Name && r.Name == space.Split('/')[1]).Select(r => r.Id).SingleAsync();
        var a = await db.SpaceSecrets.SingleAsync(s => s.RepoId == spaceId && s.Key == "A");
        var b = await db.SpaceSecrets.SingleAsync(s => s.RepoId == spaceId && s.Key == "B");
        (a.Ciphertext, b.Ciphertext) = (b.Ciphertext, a.Ciphertext);
        (a.WrappedDataKey, b.WrappedDataKey) = (b.WrappedDataKey, a.WrappedDataKey);
        (a.KmsKeyVersion, b.KmsKeyVersion) = (b.KmsKeyVersion, a.KmsKeyVersion);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var swappedA = await db.SpaceSecrets.AsNoTracking().SingleAsync(s => s.RepoId == spaceId && s.Key == "A");
        var error = Assert.Throws<SecretIntegrityException>(() => sealer.Open(spaceId, "A", swappedA.Version, swappedA.Sealed));
        Assert.DoesNotContain("value-of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheSpace_DeletesItsSecretsAndVariables()
    {
        var (owner, space, client) = await SpaceWithSecretsTokenAsync();
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "A", value = "x" }));
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/variables", new { key = "V", value = "y" }));
        string spaceId;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            spaceId = await db.Repositories.Where(r => r.Namespace == owner.Name && r.Name == space.Split('/')[1]).Select(r => r.Id).SingleAsync();
        }

        var delete = await owner.Session.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/repos/delete") { Content = JsonContent.Create(new { name = space.Split('/')[1], type = "space" }) });

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            Assert.Equal(0, await db.SpaceSecrets.CountAsync(s => s.RepoId == spaceId));
            Assert.Equal(0, await db.SpaceVariables.CountAsync(v => v.RepoId == spaceId));
        }
    }

    [Fact]
    public async Task Duplicate_CopiesVariablesButNeverSecrets()
    {
        var (owner, space, client) = await SpaceWithSecretsTokenAsync();
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "OWNER_ONLY", value = "do-not-copy" }));
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/variables", new { key = "MODEL", value = "acme/bert" }));
        var copier = await Hub.CreateUserAsync("copier");
        var (_, copierToken) = await Hub.CreateTokenAsync(copier, new { displayName = "cw", role = "write" });
        var (_, ownerToken) = await Hub.CreateTokenAsync(owner, new { displayName = "cw", role = "write" });
        var target = $"{owner.Name}/{Hub.Unique("copy")}";
        var (_, ownerToken0) = await Hub.CreateTokenAsync(owner, new { displayName = "files", role = "write" });
        var body = "{\"key\":\"header\",\"value\":{\"summary\":\"app\"}}\n{\"key\":\"file\",\"value\":{\"path\":\"app.py\",\"content\":\"cHJpbnQoMSkK\",\"encoding\":\"base64\"}}";
        var committed = await Server.NewClient(ownerToken0).PostAsync($"/api/spaces/{space}/commit/main", new StringContent(body, System.Text.Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);

        var refused = await Server.NewClient(copierToken).PostAsJsonAsync($"/api/spaces/{space}/duplicate", new { repository = $"{copier.Name}/copy" });
        var duplicated = await JsonAsync(await Server.NewClient(ownerToken).PostAsJsonAsync($"/api/spaces/{space}/duplicate", new
        {
            repository = target,
            secrets = new[] { new { key = "MINE", value = "supplied-by-caller" } },
            variables = new[] { new { key = "EXTRA", value = "1" } },
        }));
        var ownerClient = Server.NewClient(ownerToken);
        var secrets = await JsonAsync(await ownerClient.GetAsync($"/api/spaces/{target}/secrets"));
        var variables = await JsonAsync(await ownerClient.GetAsync($"/api/spaces/{target}/variables"));
        var info = await JsonAsync(await ownerClient.GetAsync($"/api/spaces/{target}"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode); // the source is private to its owner
        Assert.EndsWith("/spaces/" + target, duplicated.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(["MINE"], secrets.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["EXTRA", "MODEL"], variables.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(info.GetProperty("private").GetBoolean());
        Assert.Equal("print(1)\n", await ownerClient.GetStringAsync($"/spaces/{target}/resolve/main/app.py")); // its files came along
    }

    [Fact]
    public async Task SecretValues_AreNotInTheDatabaseOrTheLogs()
    {
        var (_, space, client) = await SpaceWithSecretsTokenAsync();
        var values = Enumerable.Range(0, 5).Select(i => $"distinctive-secret-{i}-{Guid.NewGuid():N}").ToList();
        for (var i = 0; i < values.Count; i++)
        {
            await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = $"S{i}", value = values[i] }));
        }

        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key = "S0", value = values[0] + "-rotated" }));

        var stored = await StoredText.ReadAsync(Server);
        var logs = Server.Logs.Text;
        Assert.Contains("S0", stored, StringComparison.Ordinal); // the search does see the table
        foreach (var value in values)
        {
            Assert.DoesNotContain(value, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(value, logs, StringComparison.Ordinal);
        }
    }
}

public sealed class SpaceSecretsSqliteLocalTests(SqliteServerFixture fixture) : SpaceSecretsTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class SpaceSecretsSqlitePkcs11Tests(SqlitePkcs11ServerFixture fixture) : SpaceSecretsTests(fixture), IClassFixture<SqlitePkcs11ServerFixture>;

public sealed class SpaceSecretsPostgresLocalTests(PostgresServerFixture fixture) : SpaceSecretsTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class SpaceSecretsPostgresPkcs11Tests(PostgresPkcs11ServerFixture fixture) : SpaceSecretsTests(fixture), IClassFixture<PostgresPkcs11ServerFixture>;
