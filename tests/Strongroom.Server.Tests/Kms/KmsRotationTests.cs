using Microsoft.Extensions.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Kms;
using Strongroom.Core.Secrets;
using Strongroom.Data;
using Strongroom.Server.Features.Kms;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Infrastructure.ApiAssert;

namespace Strongroom.Server.Tests.Kms;

/// <summary>
/// KMS rotation, the background rewrap and retirement through <c>/api/admin/kms</c>, on each database
/// and each KMS provider. Values are checked by opening the stored rows with the server's own sealer.
/// </summary>
public abstract class KmsRotationTests(ServerFixture fixture)
{
    private TestServer Server => fixture.Server;

    private Hub Hub => fixture.Hub;

    [Fact]
    public async Task Rotate_AsAdmin_MakesANewPrimaryThatLaterWritesUse()
    {
        var admin = await Hub.AdminAsync();
        var before = await JsonAsync(await admin.GetAsync("/api/admin/kms/status"));

        var rotated = await JsonAsync(await admin.PostAsync("/api/admin/kms/rotate", null));
        var (space, client) = await SpaceAsync();
        await PutSecretAsync(client, space, "AFTER", "written-after-rotate");
        var status = await JsonAsync(await admin.GetAsync("/api/admin/kms/status"));

        var primary = rotated.GetProperty("primaryVersion").GetInt32();
        Assert.True(primary > before.GetProperty("primaryVersion").GetInt32());
        Assert.Equal(primary, status.GetProperty("primaryVersion").GetInt32());
        Assert.Equal(Server.Kms == KmsProvider.Local ? "local" : "pkcs11", status.GetProperty("provider").GetString());
        Assert.Contains(status.GetProperty("versions").EnumerateArray(), v => v.GetProperty("version").GetInt32() == primary && v.GetProperty("state").GetString() == "primary");
        var rows = await RowsAsync(space);
        Assert.Equal(primary, Assert.Single(rows).KmsKeyVersion);
        Assert.Equal(1, await AuditCountAsync("kms.rotate", primary));
    }

    [Fact]
    public async Task Rewrap_AfterRotate_EverySecretOpensToItsValueUnderTheNewPrimary()
    {
        var admin = await Hub.AdminAsync();
        var (space, client) = await SpaceAsync();
        var values = Enumerable.Range(0, 5).ToDictionary(i => "KEY_" + i, i => "value-" + i + "-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in values)
        {
            await PutSecretAsync(client, space, key, value);
        }

        var old = (await RowsAsync(space))[0].KmsKeyVersion;

        var primary = (await JsonAsync(await admin.PostAsync("/api/admin/kms/rotate", null))).GetProperty("primaryVersion").GetInt32();
        await WaitForRewrapAsync(admin);

        Assert.NotEqual(old, primary);
        await AssertOpensAsync(space, values, primary);
        var status = await JsonAsync(await admin.GetAsync("/api/admin/kms/status"));
        var oldView = status.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == old);
        Assert.Equal("active", oldView.GetProperty("state").GetString());
        Assert.Equal(0, oldView.GetProperty("wrappedKeys").GetInt32());
        Assert.DoesNotContain(values.Values.First(), Server.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retire_WhileAKeyRemains_Is409InUse_AndOnceNoneRemainsRetires()
    {
        var admin = await Hub.AdminAsync();
        var (space, client) = await SpaceAsync();
        await PutSecretAsync(client, space, "KEPT", "kept-value");
        var old = Kms.PrimaryVersion;
        var primary = (await JsonAsync(await admin.PostAsync("/api/admin/kms/rotate", null))).GetProperty("primaryVersion").GetInt32();
        await WaitForRewrapAsync(admin);
        // A secret left under the old version, as if the rewrap had not reached it yet.
        await InsertUnderVersionAsync(space, "LEFT_BEHIND", old);

        var inUse = await JsonAsync(await admin.PostAsync($"/api/admin/kms/versions/{old}/retire", null), HttpStatusCode.Conflict);
        var isPrimary = await JsonAsync(await admin.PostAsync($"/api/admin/kms/versions/{primary}/retire", null), HttpStatusCode.Conflict);
        var missing = await JsonAsync(await admin.PostAsync("/api/admin/kms/versions/9999/retire", null), HttpStatusCode.NotFound);
        var deleted = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/spaces/{space}/secrets") { Content = JsonContent.Create(new { key = "LEFT_BEHIND" }) });
        // Nothing is wrapped under it now, but a write sealed just before the rotation could still land.
        var tooSoon = await JsonAsync(await admin.PostAsync($"/api/admin/kms/versions/{old}/retire", null), HttpStatusCode.Conflict);
        Server.Time.Advance(TimeSpan.FromMinutes(1));
        var retired = await JsonAsync(await admin.PostAsync($"/api/admin/kms/versions/{old}/retire", null));

        Assert.Equal("kms_version_in_use", inUse.GetProperty("code").GetString());
        Assert.Equal("kms_version_primary", isPrimary.GetProperty("code").GetString());
        Assert.Equal("kms_version_not_found", missing.GetProperty("code").GetString());
        Assert.Equal("kms_version_recent", tooSoon.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(old, retired.GetProperty("version").GetInt32());
        Assert.Equal("retired", retired.GetProperty("state").GetString());
        Assert.Equal(KmsKeyState.Retired, Kms.ListVersions().Single(v => v.Version == old).State);
        await AssertOpensAsync(space, new Dictionary<string, string> { ["KEPT"] = "kept-value" }, primary);
        Assert.Equal(1, await AuditCountAsync("kms.retire", old));
    }

    [Fact]
    public async Task RewrapAndRetire_WithWebhooks_MovesTheirSigningSecrets_AndRetireWaitsForThem()
    {
        var admin = await Hub.AdminAsync();
        var owner = await Hub.CreateUserAsync("hooks");
        var created = await JsonAsync(await owner.Session.PostAsJsonAsync("/api/settings/webhooks", new { url = "https://hooks.example.test/in" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;
        var old = Kms.PrimaryVersion;
        Assert.Equal(old, (await WebhookRowAsync(id)).KmsKeyVersion);

        var primary = (await JsonAsync(await admin.PostAsync("/api/admin/kms/rotate", null))).GetProperty("primaryVersion").GetInt32();
        await WaitForRewrapAsync(admin);
        var moved = await WebhookRowAsync(id);
        // A signing secret left under the old version, as if the rewrap had not reached it yet.
        var leftBehind = await InsertWebhookUnderVersionAsync(old);
        var status = await JsonAsync(await admin.GetAsync("/api/admin/kms/status"));
        var inUse = await JsonAsync(await admin.PostAsync($"/api/admin/kms/versions/{old}/retire", null), HttpStatusCode.Conflict);
        await RemoveWebhookAsync(leftBehind);
        Server.Time.Advance(TimeSpan.FromMinutes(1));
        var retired = await JsonAsync(await admin.PostAsync($"/api/admin/kms/versions/{old}/retire", null));

        Assert.Equal(primary, moved.KmsKeyVersion);
        Assert.Equal(1, status.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == old).GetProperty("wrappedKeys").GetInt32());
        Assert.Equal("kms_version_in_use", inUse.GetProperty("code").GetString());
        Assert.Equal("retired", retired.GetProperty("state").GetString());
        var opened = Server.Services.GetRequiredService<Strongroom.Core.Webhooks.WebhookSecretSealer>().Open(id, (await WebhookRowAsync(id)).Sealed);
        Assert.Equal(secret, Encoding.UTF8.GetString(opened));
        Assert.Throws<SecretIntegrityException>(() => Server.Services.GetRequiredService<Strongroom.Core.Webhooks.WebhookSecretSealer>().Open(Strongroom.Core.Hub.Ids.New(), moved.Sealed));
    }

    [Fact]
    public async Task KmsEndpoints_NotAnAdminSession_AreRefused()
    {
        var user = await Hub.CreateUserAsync();
        var (_, adminToken) = await Hub.CreateTokenAsync(new TestUser("admin", await Hub.AdminAsync()), new { displayName = "admin-api", role = "write" });
        var before = Kms.PrimaryVersion;

        foreach (var (client, expected) in new[]
        {
            (Server.NewClient(), HttpStatusCode.Unauthorized),
            (user.Session, HttpStatusCode.Forbidden),
            (Server.NewClient(adminToken), HttpStatusCode.Forbidden),
        })
        {
            Assert.Equal(expected, (await client.GetAsync("/api/admin/kms/status")).StatusCode);
            Assert.Equal(expected, (await client.PostAsync("/api/admin/kms/rotate", null)).StatusCode);
            Assert.Equal(expected, (await client.PostAsync($"/api/admin/kms/versions/{before}/retire", null)).StatusCode);
        }

        Assert.Equal(before, Kms.PrimaryVersion);
    }

    [Fact]
    public async Task RewrapJob_IntervalElapses_MovesKeysNobodyAskedAbout()
    {
        var admin = await Hub.AdminAsync();
        var (space, client) = await SpaceAsync();
        await PutSecretAsync(client, space, "IDLE", "idle-value");
        // The job idle on the fake clock: from here nothing can move a key until the interval is advanced past.
        await Server.Services.GetServices<IHostedService>().OfType<KeyRewrapJob>().Single().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var primary = Kms.Rotate().Version; // directly, so no pass is requested
        var waiting = (await RowsAsync(space)).Single().KmsKeyVersion;

        Server.Time.Advance(TimeSpan.FromMinutes(6)); // past Kms:RewrapInterval (5 min)
        await WaitForRewrapAsync(admin);

        Assert.NotEqual(primary, waiting);
        await AssertOpensAsync(space, new Dictionary<string, string> { ["IDLE"] = "idle-value" }, primary);
    }

    [Fact]
    public async Task WriteBatch_RowRewrittenBetweenReadAndWrite_KeepsTheUsersWrite()
    {
        var (space, client) = await SpaceAsync();
        await PutSecretAsync(client, space, "RACED", "first");
        await PutSecretAsync(client, space, "QUIET", "quiet-value");
        Kms.Rotate(); // directly, so no pass is requested
        var rewrapper = Server.Services.GetRequiredService<KeyRewrapper>();
        var repoId = await RepoIdAsync(space);
        List<RewrapRow> stale;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            stale = (await KeyRewrapper.ReadBatchAsync(db, Kms.PrimaryVersion, null, 10_000, default)).Where(r => r.RepoId == repoId).ToList();
        }

        // The user writes between the rewrap's read and its write; the write reseals under the primary.
        await PutSecretAsync(client, space, "RACED", "second");
        RewrapPassResult result;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            result = await rewrapper.WriteBatchAsync(scope.ServiceProvider.GetRequiredService<StrongroomDb>(), stale, default);
        }

        Assert.Equal(2, stale.Count);
        Assert.True(result.Conflicts >= 1, result.ToString());
        await AssertOpensAsync(space, new Dictionary<string, string> { ["RACED"] = "second", ["QUIET"] = "quiet-value" }, Kms.PrimaryVersion);
        Assert.Equal(2, (await RowsAsync(space)).Single(r => r.Key == "RACED").Version);
    }

    [Fact]
    public async Task ReadBatch_PrimaryNotYetSeenByThisNode_NeverPicksKeysUnderANewerVersion()
    {
        var (space, client) = await SpaceAsync();
        var stalePrimary = Kms.PrimaryVersion;
        Kms.Rotate();
        await PutSecretAsync(client, space, "NEWER", "newer-value");
        var repoId = await RepoIdAsync(space);

        List<RewrapRow> picked;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            picked = await KeyRewrapper.ReadBatchAsync(scope.ServiceProvider.GetRequiredService<StrongroomDb>(), stalePrimary, null, 10_000, default);
        }

        Assert.DoesNotContain(picked, r => r.RepoId == repoId);
    }

    [Fact]
    public async Task RunPass_TamperedWrappedKey_IsCountedFailedAndPassedOver()
    {
        var (space, client) = await SpaceAsync();
        await PutSecretAsync(client, space, "GOOD", "good-value");
        var old = Kms.PrimaryVersion;
        await InsertUnderVersionAsync(space, "TAMPERED", old, tamper: true);
        Kms.Rotate();
        var rewrapper = Server.Services.GetRequiredService<KeyRewrapper>();

        try
        {
            var result = await rewrapper.RunPassAsync(default);
            var again = await rewrapper.RunPassAsync(default);

            Assert.True(result.Failed >= 1 && again.Failed >= 1, result + " " + again);
            await AssertOpensAsync(space, new Dictionary<string, string> { ["GOOD"] = "good-value" }, Kms.PrimaryVersion);
            Assert.Equal(old, (await RowsAsync(space)).Single(r => r.Key == "TAMPERED").KmsKeyVersion);
            Assert.Contains("TAMPERED", Server.Logs.Text, StringComparison.Ordinal);
        }
        finally
        {
            // Other tests in this class wait for the rewrap to leave nothing pending.
            await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/spaces/{space}/secrets") { Content = JsonContent.Create(new { key = "TAMPERED" }) });
        }
    }

    private IKeyEncryptionService Kms => Server.Services.GetRequiredService<IKeyEncryptionService>();

    [Fact]
    public async Task RewrapPass_WhileAnotherNodeHoldsTheFleetLock_IsSkipped_OnPostgreSqlOnly()
    {
        var admin = await Hub.AdminAsync();
        var (space, _) = await SpaceAsync();
        var old = Kms.PrimaryVersion;
        await JsonAsync(await admin.PostAsync("/api/admin/kms/rotate", null));
        await WaitForRewrapAsync(admin);
        await InsertUnderVersionAsync(space, "BEHIND", old);
        var rewrapper = Server.Services.GetRequiredService<KeyRewrapper>();

        // Another node: its own scope, so its own database session.
        await using var otherNode = Server.Services.CreateAsyncScope();
        // The background job's own pass (started by the rotation) may still hold the lock for a moment.
        FleetLock? held = null;
        for (var attempt = 0; attempt < 100 && held is null; attempt++)
        {
            held = await FleetLock.TryAcquireAsync(otherNode.ServiceProvider.GetRequiredService<StrongroomDb>(), FleetLock.KmsRewrap, CancellationToken.None);
            if (held is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(held);
        RewrapPassResult whileHeld;
        await using (held)
        {
            whileHeld = await rewrapper.RunPassAsync(CancellationToken.None);
        }

        var afterRelease = await rewrapper.RunPassAsync(CancellationToken.None);

        var onePerFleet = Server.Provider == DbProvider.Postgres;
        Assert.Equal(onePerFleet, whileHeld.RanElsewhere);
        Assert.Equal(onePerFleet ? 0 : 1, whileHeld.Rewrapped);
        Assert.False(afterRelease.RanElsewhere);
        Assert.Equal(onePerFleet ? 1 : 0, afterRelease.Rewrapped);
        Assert.All(await RowsAsync(space), r => Assert.Equal(Kms.PrimaryVersion, r.KmsKeyVersion));
    }

    private async Task<(string Space, HttpClient Client)> SpaceAsync()
    {
        var (owner, space) = await Hub.CreateSpaceAsync();
        return (space, owner.Session);
    }

    private static async Task PutSecretAsync(HttpClient client, string space, string key, string value) =>
        await JsonAsync(await client.PostAsJsonAsync($"/api/spaces/{space}/secrets", new { key, value }));

    private async Task WaitForRewrapAsync(HttpClient admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await JsonAsync(await admin.GetAsync("/api/admin/kms/status"));
            if (status.GetProperty("rewrap").GetProperty("pending").GetInt32() == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The rewrap did not finish: " + status.GetRawText());
            await Task.Delay(50);
        }
    }

    private async Task<int> AuditCountAsync(string action, int version)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var target = "kms:v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEvents.CountAsync(e => e.Action == action && e.Target == target && e.Outcome == "success");
    }

    private async Task<string> RepoIdAsync(string space)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var parts = space.Split('/');
        return await db.Repositories.Where(r => r.Namespace == parts[0] && r.Name == parts[1]).Select(r => r.Id).SingleAsync();
    }

    private async Task<List<SpaceSecret>> RowsAsync(string space)
    {
        var repoId = await RepoIdAsync(space);
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        return await db.SpaceSecrets.AsNoTracking().Where(s => s.RepoId == repoId).OrderBy(s => s.Key).ToListAsync();
    }

    private async Task AssertOpensAsync(string space, IReadOnlyDictionary<string, string> values, int kmsVersion)
    {
        var repoId = await RepoIdAsync(space);
        var rows = (await RowsAsync(space)).ToDictionary(r => r.Key);
        var sealer = Server.Services.GetRequiredService<SecretSealer>();
        foreach (var (key, value) in values)
        {
            var row = rows[key];
            Assert.Equal(kmsVersion, row.KmsKeyVersion);
            Assert.Equal(value, Encoding.UTF8.GetString(sealer.Open(repoId, key, row.Version, row.Sealed)));
        }
    }

    private async Task<Strongroom.Core.Webhooks.Webhook> WebhookRowAsync(string id)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StrongroomDb>().Webhooks.AsNoTracking().SingleAsync(w => w.Id == id);
    }

    /// <summary>Stores a webhook whose signing secret's data key is wrapped under a given KMS version; returns its id.</summary>
    private async Task<string> InsertWebhookUnderVersionAsync(int kmsVersion)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var id = Strongroom.Core.Hub.Ids.New();
        db.Webhooks.Add(new Strongroom.Core.Webhooks.Webhook
        {
            Id = id,
            OwnerId = Strongroom.Core.Hub.Ids.New(),
            Url = "https://hooks.example.test/old",
            Ciphertext = RandomNumberGenerator.GetBytes(40),
            WrappedDataKey = Kms.WrapKey(RandomNumberGenerator.GetBytes(32), kmsVersion).Wrapped,
            KmsKeyVersion = kmsVersion,
        });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task RemoveWebhookAsync(string id)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StrongroomDb>().Webhooks.Where(w => w.Id == id).ExecuteDeleteAsync();
    }

    /// <summary>Stores a secret under a given KMS version, bypassing the writer (which always uses the primary).</summary>
    private async Task InsertUnderVersionAsync(string space, string key, int kmsVersion, bool tamper = false)
    {
        var repoId = await RepoIdAsync(space);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = Kms.WrapKey(dataKey, kmsVersion).Wrapped;
        if (tamper)
        {
            wrapped[^1] ^= 1;
        }

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        db.SpaceSecrets.Add(new SpaceSecret
        {
            RepoId = repoId,
            Key = key,
            Version = 1,
            Ciphertext = RandomNumberGenerator.GetBytes(40),
            WrappedDataKey = wrapped,
            KmsKeyVersion = kmsVersion,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}

public sealed class KmsRotationSqliteLocalTests(SqliteServerFixture fixture) : KmsRotationTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class KmsRotationSqlitePkcs11Tests(SqlitePkcs11ServerFixture fixture) : KmsRotationTests(fixture), IClassFixture<SqlitePkcs11ServerFixture>;

public sealed class KmsRotationPostgresLocalTests(PostgresServerFixture fixture) : KmsRotationTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class KmsRotationPostgresPkcs11Tests(PostgresPkcs11ServerFixture fixture) : KmsRotationTests(fixture), IClassFixture<PostgresPkcs11ServerFixture>;
