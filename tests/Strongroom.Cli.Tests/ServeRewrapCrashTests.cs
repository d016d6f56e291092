using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Strongroom.Kms.Local;
using Strongroom.Core.Secrets;
using Strongroom.Data;
using Xunit.Abstractions;

namespace Strongroom.Cli.Tests;

/// <summary>
/// The rotation acceptance test, on a real <c>strongroom serve</c> child process: with 10,000 secrets,
/// rotate, SIGKILL the server in the middle of the rewrap, start it again, and the rewrap completes,
/// every secret opens to its original value under the new version, and the old version can be retired.
/// </summary>
public sealed class ServeRewrapCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int SecretCount = 10_000;
    private static readonly TimeSpan Patience = ServeProcesses.Patience;

    private readonly ServeProcesses _servers = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rewrap_ServerKilledMidway_CompletesAfterRestartAndLosesNothing(bool postgres)
    {
        if (postgres)
        {
            await _servers.UsePostgresAsync();
        }

        // Slow the first server's rewrap down (200 a batch, 20 ms apart) so the kill lands mid-way.
        var (first, firstUrl) = await StartServerAsync("--Kms:RewrapBatchSize", "200", "--Kms:RewrapPause", "00:00:00.020");
        using var admin = await SignInAsync(firstUrl);
        var repoId = await CreateSpaceAsync(admin);
        var values = await SeedAsync(repoId);

        var rotated = await JsonAsync(await admin.PostAsync("api/admin/kms/rotate", null));
        var newVersion = rotated.GetProperty("primaryVersion").GetInt32();
        var oldVersion = rotated.GetProperty("previousVersion").GetInt32();
        var pendingAtKill = await WaitForPendingAsync(admin, p => p is > 0 and <= SecretCount / 2);
        first.Kill(); // SIGKILL: no shutdown, no flush, the batch in flight is lost.
        await first.WaitForExitAsync();
        var leftOld = await CountUnderAsync(oldVersion);

        var restarted = Stopwatch.StartNew();
        var (_, secondUrl) = await StartServerAsync();
        var listening = restarted.ElapsedMilliseconds;
        using var admin2 = await SignInAsync(secondUrl);
        await WaitForPendingAsync(admin2, p => p == 0);
        output.WriteLine($"killed with {pendingAtKill} pending ({leftOld} rows still under v{oldVersion}); restarted in {listening} ms, rewrap done {restarted.ElapsedMilliseconds} ms after start");
        var retired = await admin2.PostAsync($"api/admin/kms/versions/{oldVersion}/retire", null);
        var retiredText = await retired.Content.ReadAsStringAsync();

        Assert.InRange(pendingAtKill, 1, SecretCount - 1);
        Assert.InRange(leftOld, 1, SecretCount - 1);
        await AssertAllOpenAsync(repoId, values, newVersion);
        Assert.True(retired.StatusCode == HttpStatusCode.OK, retiredText);
        Assert.Equal("retired", JsonDocument.Parse(retiredText).RootElement.GetProperty("state").GetString());
    }

    // The test retires at once; the grace is tested in Server.Tests.
    private Task<(Process Process, Uri Url)> StartServerAsync(params string[] settings) =>
        _servers.StartAsync(["--Kms:RetireGracePeriod", "00:00:00", .. settings]);

    private Task<HttpClient> SignInAsync(Uri url) => _servers.SignInAdminAsync(url);

    private async Task<string> CreateSpaceAsync(HttpClient admin)
    {
        await JsonAsync(await admin.PostAsJsonAsync("api/repos/create", new { name = "crash", organization = "admin", type = "space", @private = true, sdk = "static" }));
        await using var db = OpenDb();
        return await db.Repositories.Where(r => r.Namespace == "admin" && r.Name == "crash").Select(r => r.Id).SingleAsync();
    }

    /// <summary>Seals 10,000 values with the data directory's own local KMS and inserts them in one transaction.</summary>
    private async Task<Dictionary<string, string>> SeedAsync(string repoId)
    {
        using var kms = new LocalKeyEncryptionService(Path.Combine(_servers.DataDirectory, "kms"), TimeProvider.System);
        var sealer = new SecretSealer(kms);
        var values = new Dictionary<string, string>(SecretCount);
        await using var db = OpenDb();
        for (var i = 0; i < SecretCount; i++)
        {
            var key = "KEY_" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            var value = "value-" + i + "-" + Guid.NewGuid().ToString("N");
            values[key] = value;
            var sealedValue = sealer.Seal(repoId, key, 1, Encoding.UTF8.GetBytes(value));
            db.SpaceSecrets.Add(new SpaceSecret
            {
                RepoId = repoId,
                Key = key,
                Version = 1,
                Ciphertext = sealedValue.Ciphertext,
                WrappedDataKey = sealedValue.WrappedDataKey,
                KmsKeyVersion = sealedValue.KmsKeyVersion,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync();
        return values;
    }

    private static async Task<int> WaitForPendingAsync(HttpClient admin, Func<int, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = await JsonAsync(await admin.GetAsync("api/admin/kms/status"));
            var pending = status.GetProperty("rewrap").GetProperty("pending").GetInt32();
            if (done(pending))
            {
                return pending;
            }

            Assert.True(DateTime.UtcNow < deadline, "The rewrap did not reach the expected point: " + status.GetRawText());
            await Task.Delay(10);
        }
    }

    private async Task<int> CountUnderAsync(int kmsVersion)
    {
        await using var db = OpenDb();
        return await db.SpaceSecrets.CountAsync(s => s.KmsKeyVersion == kmsVersion);
    }

    private async Task AssertAllOpenAsync(string repoId, Dictionary<string, string> values, int kmsVersion)
    {
        using var kms = new LocalKeyEncryptionService(Path.Combine(_servers.DataDirectory, "kms"), TimeProvider.System);
        var sealer = new SecretSealer(kms);
        await using var db = OpenDb();
        var rows = await db.SpaceSecrets.AsNoTracking().Where(s => s.RepoId == repoId).ToListAsync();
        Assert.Equal(SecretCount, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(kmsVersion, row.KmsKeyVersion);
            Assert.Equal(1, row.Version);
            Assert.Equal(values[row.Key], Encoding.UTF8.GetString(sealer.Open(repoId, row.Key, row.Version, row.Sealed)));
        });
    }

    private StrongroomDb OpenDb() => _servers.OpenDb();

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => ServeProcesses.JsonAsync(response);

    public void Dispose() => _servers.Dispose();
}
