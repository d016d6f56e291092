using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Data.Tokens;

namespace Strongroom.Tokens.Benchmarks;

/// <summary>
/// Token verification side by side: a cache hit, a cache miss (SHA-256 + indexed lookup in a real SQLite
/// file holding 10,000 tokens), and the storage-free rejection of a bad checksum.
/// </summary>
[MemoryDiagnoser]
public class VerifyTokenBenchmarks
{
    private string _path = "";
    private SqliteStrongroomDb _db = null!;
    private VerifyToken _cached = null!;
    private VerifyToken _uncached = null!;
    private string _token = "";
    private string _badChecksum = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"sr-bench-{Guid.NewGuid():N}.db");
        _db = new SqliteStrongroomDb(new DbContextOptionsBuilder<SqliteStrongroomDb>().UseSqlite($"Data Source={_path}").Options);
        await _db.MigrateAsync(CancellationToken.None);
        var user = new User { Id = Ids.New(), Name = "bench", Email = "b@example.test", PasswordHash = "x", CreatedAt = DateTimeOffset.UtcNow };
        _db.Users.Add(user);
        for (var i = 0; i < 10_000; i++)
        {
            var secret = TokenFormat.Generate("sr", TokenKind.FineGrained);
            _token = secret;
            _db.Tokens.Add(new AccessToken
            {
                Id = Ids.New(), UserId = user.Id, Kind = TokenKind.FineGrained, Role = TokenRole.FineGrained, DisplayName = "t",
                Hash = TokenFormat.Hash(secret), Last4 = secret[^4..], CreatedAt = DateTimeOffset.UtcNow,
            });
        }

        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
        _badChecksum = _token[..^1] + (_token[^1] == '0' ? '1' : '0');
        var store = new EfTokenStore(_db);
        _cached = Verifier(store, TimeSpan.FromMinutes(1));
        _uncached = Verifier(store, TimeSpan.Zero);
        await _cached.ExecuteAsync(_token, CancellationToken.None);
    }

    private static VerifyToken Verifier(EfTokenStore store, TimeSpan ttl)
    {
        var options = Options.Create(new TokenOptions { CacheTtl = ttl });
        return new VerifyToken(store, new TokenCache(new AccessChanges(), options, TimeProvider.System), options, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> CacheHit() => (await _cached.ExecuteAsync(_token, CancellationToken.None)).Succeeded;

    [Benchmark]
    public async Task<bool> CacheMissSqlite() => (await _uncached.ExecuteAsync(_token, CancellationToken.None)).Succeeded;

    [Benchmark]
    public async Task<bool> BadChecksum() => (await _cached.ExecuteAsync(_badChecksum, CancellationToken.None)).Succeeded;
}
