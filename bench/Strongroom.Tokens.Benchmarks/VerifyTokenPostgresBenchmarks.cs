using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Data.Tokens;

namespace Strongroom.Tokens.Benchmarks;

/// <summary>
/// A cache miss on PostgreSQL: the same lookup as <see cref="VerifyTokenBenchmarks.CacheMissSqlite"/> over a
/// loopback connection, as the server makes it (<see cref="PostgresTokenLookup"/>) and through EF Core's
/// compiled query. Needs STRONGROOM_BENCH_POSTGRES (a connection string); a database of its own is
/// created in it and dropped afterwards.
/// </summary>
[MemoryDiagnoser]
public class VerifyTokenPostgresBenchmarks
{
    private PostgresStrongroomDb _db = null!;
    private PostgresTokenLookup _lookup = null!;
    private VerifyToken _uncached = null!;
    private VerifyToken _uncachedEf = null!;
    private string _token = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var server = Environment.GetEnvironmentVariable("STRONGROOM_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set STRONGROOM_BENCH_POSTGRES to a PostgreSQL connection string");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "srbench_" + Guid.NewGuid().ToString("N")[..12] };
        _db = new PostgresStrongroomDb(new DbContextOptionsBuilder<PostgresStrongroomDb>().UseNpgsql(connection.ConnectionString).Options);
        _token = await BenchHub.SeedAsync(_db);
        _lookup = new PostgresTokenLookup(connection.ConnectionString);
        _uncached = BenchHub.Verifier(_db, TimeSpan.Zero, postgresLookup: _lookup);
        _uncachedEf = BenchHub.Verifier(_db, TimeSpan.Zero);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _lookup.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _db.Database.EnsureDeletedAsync();
        await _db.DisposeAsync();
    }

    [Benchmark]
    public async Task<bool> CacheMissPostgres() => (await _uncached.ExecuteAsync(_token, CancellationToken.None)).Succeeded;

    [Benchmark]
    public async Task<bool> CacheMissPostgresEf() => (await _uncachedEf.ExecuteAsync(_token, CancellationToken.None)).Succeeded;
}
