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
public abstract partial class KmsRotationTests(ServerFixture fixture)
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
}

public sealed class KmsRotationSqliteLocalTests(SqliteServerFixture fixture) : KmsRotationTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class KmsRotationSqlitePkcs11Tests(SqlitePkcs11ServerFixture fixture) : KmsRotationTests(fixture), IClassFixture<SqlitePkcs11ServerFixture>;

public sealed class KmsRotationPostgresLocalTests(PostgresServerFixture fixture) : KmsRotationTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class KmsRotationPostgresPkcs11Tests(PostgresPkcs11ServerFixture fixture) : KmsRotationTests(fixture), IClassFixture<PostgresPkcs11ServerFixture>;
