using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Audit;
using Strongroom.Core.Kms;
using Strongroom.Data;
using Strongroom.Kms.Local;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// The data services alone, without the server, on a fresh migrated database (SQLite in a temporary directory,
/// or a PostgreSQL database of its own): no hosted job runs, so a test decides when the sealer does.
/// </summary>
internal sealed class DataServices : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string? _postgres;

    private DataServices(string directory, string? postgres, ServiceProvider services)
    {
        _directory = directory;
        _postgres = postgres;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public static async Task<DataServices> CreateAsync(bool onPostgres, string name)
    {
        var directory = Directory.CreateTempSubdirectory($"strongroom-{name}-").FullName;
        var postgres = onPostgres ? await TestPostgres.CreateDatabaseAsync() : null;
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IKeyEncryptionService>(new LocalKeyEncryptionService(Path.Combine(directory, "kms"), TimeProvider.System))
            .AddSingleton<AuditEventMac>()
            .AddStrongroomData(postgres, Path.Combine(directory, "strongroom.db"))
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StrongroomDb>().MigrateAsync(CancellationToken.None);
        }

        return new DataServices(directory, postgres, services);
    }

    /// <summary>Runs <paramref name="action"/> on a context of its own scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<StrongroomDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StrongroomDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        if (_postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(_postgres);
        }
    }
}
