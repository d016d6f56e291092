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

/// <summary>Spaces, secrets and rows under a given key version, for the rotation tests.</summary>
public abstract partial class KmsRotationTests
{
    private IKeyEncryptionService Kms => Server.Services.GetRequiredService<IKeyEncryptionService>();

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
