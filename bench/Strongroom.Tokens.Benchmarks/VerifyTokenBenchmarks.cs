using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Data.Tokens;

namespace Strongroom.Tokens.Benchmarks;

/// <summary>
/// Token verification side by side: a cache hit, a cache miss (SHA-256, the indexed lookup and the owner's
/// memberships in a real SQLite file holding 10,000 tokens) as the server makes it (<see cref="SqliteTokenLookup"/>)
/// and through EF Core's compiled query (as PostgreSQL's is made), and the storage-free rejection of a bad checksum.
/// </summary>
[MemoryDiagnoser]
public class VerifyTokenBenchmarks
{
    private string _path = "";
    private SqliteStrongroomDb _db = null!;
    private VerifyToken _cached = null!;
    private SqliteTokenLookup _lookup = null!;
    private VerifyToken _uncached = null!;
    private VerifyToken _uncachedEf = null!;
    private string _token = "";
    private string _badChecksum = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"sr-bench-{Guid.NewGuid():N}.db");
        _db = new SqliteStrongroomDb(new DbContextOptionsBuilder<SqliteStrongroomDb>().UseSqlite($"Data Source={_path}").Options);
        _token = await BenchHub.SeedAsync(_db);
        _badChecksum = _token[..^1] + (_token[^1] == '0' ? '1' : '0');
        _cached = BenchHub.Verifier(_db, TimeSpan.FromMinutes(1));
        _lookup = new SqliteTokenLookup($"Data Source={_path}");
        _uncached = BenchHub.Verifier(_db, TimeSpan.Zero, _lookup);
        _uncachedEf = BenchHub.Verifier(_db, TimeSpan.Zero);
        await _cached.ExecuteAsync(_token, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lookup.Dispose();
        _db.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> CacheHit() => (await _cached.ExecuteAsync(_token, CancellationToken.None)).Succeeded;

    [Benchmark]
    public async Task<bool> CacheMissSqlite() => (await _uncached.ExecuteAsync(_token, CancellationToken.None)).Succeeded;

    [Benchmark]
    public async Task<bool> CacheMissSqliteEf() => (await _uncachedEf.ExecuteAsync(_token, CancellationToken.None)).Succeeded;

    [Benchmark]
    public async Task<bool> BadChecksum() => (await _cached.ExecuteAsync(_badChecksum, CancellationToken.None)).Succeeded;
}
