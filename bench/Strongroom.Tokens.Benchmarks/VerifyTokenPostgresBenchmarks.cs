using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Tokens;
using Strongroom.Data;

namespace Strongroom.Tokens.Benchmarks;

/// <summary>
/// A cache miss on PostgreSQL: the same lookup as <see cref="VerifyTokenBenchmarks.CacheMissSqlite"/> over a
/// loopback connection. Needs STRONGROOM_BENCH_POSTGRES (a connection string); a database of its own is
/// created in it and dropped afterwards.
/// </summary>
[MemoryDiagnoser]
public class VerifyTokenPostgresBenchmarks
{
    private PostgresStrongroomDb _db = null!;
    private VerifyToken _uncached = null!;
    private string _token = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var server = Environment.GetEnvironmentVariable("STRONGROOM_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set STRONGROOM_BENCH_POSTGRES to a PostgreSQL connection string");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "srbench_" + Guid.NewGuid().ToString("N")[..12] };
        _db = new PostgresStrongroomDb(new DbContextOptionsBuilder<PostgresStrongroomDb>().UseNpgsql(connection.ConnectionString).Options);
        _token = await BenchHub.SeedAsync(_db);
        _uncached = BenchHub.Verifier(_db, TimeSpan.Zero);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _db.Database.EnsureDeletedAsync();
        await _db.DisposeAsync();
    }

    [Benchmark]
    public async Task<bool> CacheMissPostgres() => (await _uncached.ExecuteAsync(_token, CancellationToken.None)).Succeeded;
}
