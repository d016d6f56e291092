using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Data.Tokens;

namespace Strongroom.Tokens.Benchmarks;

/// <summary>
/// Where a cache miss on SQLite spends its time, part by part: opening and closing a pooled connection by
/// hand and through EF Core, preparing and stepping the miss's SQL by hand on every call, EF Core's compiled
/// query (with its connection opened and closed, and kept open), and <see cref="SqliteTokenLookup"/>'s
/// statement prepared once.
/// </summary>
[MemoryDiagnoser]
public class MissBreakdownBenchmarks
{
    private string _path = "";
    private SqliteStrongroomDb _db = null!;
    private byte[] _hash = [];
    private string _sql = "";
    private SqliteTokenLookup _lookup = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"sr-bench-{Guid.NewGuid():N}.db");
        _db = new SqliteStrongroomDb(new DbContextOptionsBuilder<SqliteStrongroomDb>().UseSqlite($"Data Source={_path}").Options);
        var token = await BenchHub.SeedAsync(_db);
        _hash = TokenFormat.Hash(token);
        _sql = TokenLookupRows.Sql; // the miss's one query, as the lookups run it
        _lookup = new SqliteTokenLookup($"Data Source={_path}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lookup.Dispose();
        _db.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Benchmark]
    public async Task OpenClose()
    {
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
    }

    [Benchmark]
    public async Task<int> HandWrittenSameSql()
    {
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.Parameters.AddWithValue("$hash", _hash);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }

    [Benchmark]
    public async Task EfOpenClose()
    {
        await _db.Database.OpenConnectionAsync();
        await _db.Database.CloseConnectionAsync();
    }

    [Benchmark]
    public async Task<StoredToken?> StoreConnectionOpen()
    {
        await _db.Database.OpenConnectionAsync();
        try
        {
            return await new EfTokenStore(_db).FindByHashAsync(_hash, CancellationToken.None);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<StoredToken?> Store() => new EfTokenStore(_db).FindByHashAsync(_hash, CancellationToken.None);

    [Benchmark]
    public StoredToken? PreparedLookup() => _lookup.Find(_hash);
}
