using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Strongroom.Core.Audit;
using Strongroom.Core.Kms;
using Strongroom.Data;
using Strongroom.Kms.Local;

namespace Strongroom.Audit.Benchmarks;

/// <summary>
/// A fresh, migrated database for one measurement (a SQLite file in a temp directory, or a new PostgreSQL
/// database) with the server's own data services over it: the pooled context, the audit log, the sealer,
/// and a local KMS in the same temp directory for the events' MACs.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string? _postgres;

    private BenchDatabase(ServiceProvider services, string directory, string? postgres)
    {
        Services = services;
        _directory = directory;
        _postgres = postgres;
    }

    public ServiceProvider Services { get; }

    /// <summary>A scope per request, as the server's scoped context is.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public static async Task<BenchDatabase> CreateAsync(string provider, string? postgresServer, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var directory = Path.Combine(Path.GetTempPath(), "strongroom-audit-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var connectionString = provider == "sqlite"
            ? null
            : await CreatePostgresAsync(postgresServer ?? throw new ArgumentException("--postgres CONNECTION is needed"));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IKeyEncryptionService>(new LocalKeyEncryptionService(Path.Combine(directory, "kms"), TimeProvider.System))
            .AddSingleton<AuditEventMac>()
            .AddStrongroomData(connectionString, Path.Combine(directory, "bench.db"), synchronous)
            .BuildServiceProvider();
        var database = new BenchDatabase(services, directory, connectionString);
        await using var scope = database.Scope();
        await scope.ServiceProvider.GetRequiredService<StrongroomDb>().MigrateAsync(CancellationToken.None);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        if (_postgres is not null)
        {
            await DropPostgresAsync(_postgres);
        }
    }

    /// <summary>A new, empty database on <paramref name="server"/>; returns its connection string.</summary>
    public static async Task<string> CreatePostgresAsync(string server)
    {
        var name = "sr_audit_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 200 }.ConnectionString;
    }

    public static async Task DropPostgresAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        NpgsqlConnection.ClearAllPools();
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
