using Microsoft.EntityFrameworkCore;
using Npgsql;
using Strongroom.Data;

namespace Strongroom.Audit.Benchmarks;

/// <summary>A fresh, migrated database for one measurement: a SQLite file in a temp directory, or a new PostgreSQL database.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;
    private readonly string? _postgres;

    private BenchDatabase(Func<StrongroomDb> open, string? sqliteDirectory, string? postgres)
    {
        Open = open;
        _sqliteDirectory = sqliteDirectory;
        _postgres = postgres;
    }

    /// <summary>A new context per request, as the server's scoped context is.</summary>
    public Func<StrongroomDb> Open { get; }

    public static async Task<BenchDatabase> CreateAsync(string provider, string? postgresServer)
    {
        BenchDatabase database;
        if (provider == "sqlite")
        {
            var directory = Path.Combine(Path.GetTempPath(), "strongroom-audit-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            var options = new DbContextOptionsBuilder<SqliteStrongroomDb>().UseSqlite($"Data Source={Path.Combine(directory, "bench.db")};Foreign Keys=True").Options;
            database = new BenchDatabase(() => new SqliteStrongroomDb(options), directory, null);
        }
        else
        {
            var name = "sr_audit_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var connection = new NpgsqlConnection(postgresServer ?? throw new ArgumentException("--postgres CONNECTION is needed")))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(postgresServer) { Database = name, MaxPoolSize = 200 }.ConnectionString;
            var options = new DbContextOptionsBuilder<PostgresStrongroomDb>().UseNpgsql(connectionString).Options;
            database = new BenchDatabase(() => new PostgresStrongroomDb(options), null, connectionString);
        }

        await using var db = database.Open();
        await db.MigrateAsync(CancellationToken.None);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sqliteDirectory is not null)
        {
            Directory.Delete(_sqliteDirectory, recursive: true);
        }

        if (_postgres is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(_postgres);
            var name = builder.Database;
            NpgsqlConnection.ClearAllPools();
            builder.Database = "postgres";
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
