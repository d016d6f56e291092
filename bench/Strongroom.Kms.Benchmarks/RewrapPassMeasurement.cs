using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strongroom.Core.Hub;
using Strongroom.Core.Kms;
using Strongroom.Core.Secrets;
using Strongroom.Data;
using Strongroom.Server.Features.Kms;
using Strongroom.Server.Hosting;

namespace Strongroom.Kms.Benchmarks;

/// <summary>
/// <c>rewrap-pass [count] [--postgres CONNSTRING] [--pkcs11]</c>: seeds <c>count</c> secrets (default
/// 10,000) into a fresh server's storage, rotates, and times one <see cref="KeyRewrapper"/> pass, three
/// times. A whole pass against a real database is too long for BenchmarkDotNet's repetitions, so this
/// is a plain stopwatch. The server is built but never started: no request and no background job runs.
/// </summary>
public static class RewrapPassMeasurement
{
    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 10_000;
        var postgres = Array.IndexOf(args, "--postgres") is var p and >= 0 ? args[p + 1] : null;
        var pkcs11 = args.Contains("--pkcs11");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "strongroom-rewrap-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var serverArgs = new List<string> { "--Server:DataDirectory", dataDirectory };
        if (postgres is not null)
        {
            serverArgs.AddRange(["--Database:ConnectionString", postgres]);
        }

        if (pkcs11)
        {
            serverArgs.AddRange([
                "--Kms:Provider", "pkcs11",
                "--Kms:Pkcs11:ModulePath", Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_MODULE") ?? "/usr/lib/softhsm/libsofthsm2.so",
                "--Kms:Pkcs11:TokenLabel", Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_TOKEN") ?? "strongroom-test",
                "--Kms:Pkcs11:Pin", Environment.GetEnvironmentVariable("STRONGROOM_TEST_PKCS11_PIN") ?? "1234",
                "--Kms:Pkcs11:KeyLabel", "rewrap-bench-" + Guid.NewGuid().ToString("N")[..8],
            ]);
        }

        await using var app = StrongroomApp.Build([.. serverArgs], b => b.Logging.ClearProviders());
        await StrongroomApp.PrepareAsync(app);
        var kms = app.Services.GetRequiredService<IKeyEncryptionService>();
        var sealer = app.Services.GetRequiredService<SecretSealer>();
        var rewrapper = app.Services.GetRequiredService<KeyRewrapper>();
        var repoId = await SeedAsync(app.Services, sealer, count);
        Console.WriteLine($"{count} secrets on {(postgres is null ? "sqlite" : "postgres")} + {kms.ProviderName}");
        for (var run = 1; run <= 3; run++)
        {
            kms.Rotate();
            var watch = Stopwatch.StartNew();
            var result = await rewrapper.RunPassAsync(CancellationToken.None);
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {result.Rewrapped} rewrapped in {watch.Elapsed.TotalMilliseconds:0} ms = {result.Rewrapped / watch.Elapsed.TotalSeconds:0} keys/s"));
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            await db.Repositories.Where(r => r.Id == repoId).ExecuteDeleteAsync();
            if (postgres is null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task<string> SeedAsync(IServiceProvider services, SecretSealer sealer, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var owner = await db.Users.Where(u => u.Name == "admin").Select(u => u.Id).SingleAsync();
        var repo = new Repository
        {
            Id = Guid.NewGuid().ToString("N")[..24],
            Type = RepoType.Space,
            Namespace = "admin",
            Name = "rewrap-bench-" + Guid.NewGuid().ToString("N")[..8],
            OwnerId = owner,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Repositories.Add(repo);
        for (var i = 0; i < count; i++)
        {
            var key = "KEY_" + i.ToString("D6", CultureInfo.InvariantCulture);
            var sealedValue = sealer.Seal(repo.Id, key, 1, Encoding.UTF8.GetBytes("value-" + i));
            db.SpaceSecrets.Add(new SpaceSecret
            {
                RepoId = repo.Id,
                Key = key,
                Version = 1,
                Ciphertext = sealedValue.Ciphertext,
                WrappedDataKey = sealedValue.WrappedDataKey,
                KmsKeyVersion = sealedValue.KmsKeyVersion,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync();
        return repo.Id;
    }
}
