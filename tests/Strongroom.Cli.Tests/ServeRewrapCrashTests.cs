using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Strongroom.Core.Kms.Local;
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
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "strongroom-crash-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<Process> _processes = [];
    private string? _postgres;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rewrap_ServerKilledMidway_CompletesAfterRestartAndLosesNothing(bool postgres)
    {
        if (postgres)
        {
            _postgres = await CreatePostgresDatabaseAsync();
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

    private async Task<(Process Process, Uri Url)> StartServerAsync(params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "strongroom.dll"), "serve", "--urls", "http://127.0.0.1:0", "--data", _dataDirectory,
            "--Passwords:MemoryKiB", "8192", "--Passwords:Iterations", "1", "--Logging:LogLevel:Default", "Warning",
            "--Kms:RetireGracePeriod", "00:00:00", // the test retires at once; the grace is tested in Server.Tests
        ];
        if (_postgres is not null)
        {
            args = [.. args, "--database", _postgres];
        }

        foreach (var argument in args.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _processes.Add(process);
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Patience);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            const string Marker = "listening on ";
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Keep draining stdout so the child never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                return (process, new Uri(line[(at + Marker.Length)..].Trim() + "/"));
            }
        }

        lock (errors)
        {
            throw new InvalidOperationException("The server did not start: " + errors);
        }
    }

    private async Task<HttpClient> SignInAsync(Uri url)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = url };
        var password = (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "initial-admin-password"))).Trim();
        var login = await JsonAsync(await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password }));
        client.DefaultRequestHeaders.Add("X-CSRF-Token", login.GetProperty("csrfToken").GetString());
        return client;
    }

    private async Task<string> CreateSpaceAsync(HttpClient admin)
    {
        await JsonAsync(await admin.PostAsJsonAsync("api/repos/create", new { name = "crash", organization = "admin", type = "space", @private = true, sdk = "static" }));
        await using var db = OpenDb();
        return await db.Repositories.Where(r => r.Namespace == "admin" && r.Name == "crash").Select(r => r.Id).SingleAsync();
    }

    /// <summary>Seals 10,000 values with the data directory's own local KMS and inserts them in one transaction.</summary>
    private async Task<Dictionary<string, string>> SeedAsync(string repoId)
    {
        using var kms = new LocalKeyEncryptionService(Path.Combine(_dataDirectory, "kms"), TimeProvider.System);
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
        using var kms = new LocalKeyEncryptionService(Path.Combine(_dataDirectory, "kms"), TimeProvider.System);
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

    private StrongroomDb OpenDb() => _postgres is not null
        ? new PostgresStrongroomDb(new DbContextOptionsBuilder<PostgresStrongroomDb>().UseNpgsql(_postgres).Options)
        : new SqliteStrongroomDb(new DbContextOptionsBuilder<SqliteStrongroomDb>()
            .UseSqlite($"Data Source={Path.Combine(_dataDirectory, "strongroom.db")};Foreign Keys=True").Options);

    /// <summary>A fresh database on the cluster test.sh starts (<c>STRONGROOM_TEST_POSTGRES</c>).</summary>
    private static async Task<string> CreatePostgresDatabaseAsync()
    {
        var baseConnection = Environment.GetEnvironmentVariable("STRONGROOM_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("STRONGROOM_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");
        var name = "sr_crash_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(baseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(baseConnection) { Database = name }.ConnectionString;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var baseConnection = Environment.GetEnvironmentVariable("STRONGROOM_TEST_POSTGRES")!;
            using var connection = new NpgsqlConnection(baseConnection);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(_postgres).Database} WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp; a leftover directory must not fail the run.
        }
    }
}
