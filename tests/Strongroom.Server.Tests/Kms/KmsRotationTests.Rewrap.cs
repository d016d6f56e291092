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

/// <summary>The rewrap itself (the job, its batches, a tampered key, the fleet lock), driven directly.</summary>
public abstract partial class KmsRotationTests
{
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
}
