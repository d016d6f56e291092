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

/// <summary>What is stored: values sealed, opened only for their own record, gone with their Space, never copied.</summary>
public abstract partial class SpaceSecretsTests
{
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
