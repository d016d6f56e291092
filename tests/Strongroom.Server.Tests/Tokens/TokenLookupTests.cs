using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Data.Tokens;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Tokens;

/// <summary>
/// The hand-written verification lookups read what EF Core's query reads, every column included, on each
/// database: <see cref="SqliteTokenLookup"/> and <see cref="PostgresTokenLookup"/>.
/// </summary>
public abstract class TokenLookupTests : IAsyncLifetime
{
    private StrongroomDb _db = null!;

    public async Task InitializeAsync()
    {
        _db = await OpenAsync();
        await _db.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await CloseAsync();
    }

    /// <summary>The offset instants are written with: SQLite keeps any; PostgreSQL's timestamptz takes UTC only (the hub writes nothing else).</summary>
    protected virtual TimeSpan Offset => TimeSpan.FromHours(2);

    /// <summary>A context on a fresh database, and the lookup under test on the same one.</summary>
    protected abstract Task<StrongroomDb> OpenAsync();

    protected abstract Task<StoredToken?> FindAsync(byte[] hash);

    protected abstract Task CloseAsync();

    [Fact]
    public async Task Find_EveryColumnSet_ReadsWhatEfCoreReads()
    {
        var at = new DateTimeOffset(2026, 12, 3, 16, 45, 12, 345, Offset).AddTicks(6789);
        var user = new User { Id = Ids.New(), Name = "alice", Fullname = "Alice A.", Email = "a@example.test", PasswordHash = "x", IsAdmin = true, MustChangePassword = true, CreatedAt = at };
        _db.Users.Add(user);
        foreach (var (name, role) in new[] { ("zeta", OrgRole.Read), ("acme", OrgRole.Admin) })
        {
            var org = new Organization { Id = Ids.New(), Name = name, Fullname = name == "acme" ? "Acme Inc." : null, CreatedAt = at };
            _db.Organizations.Add(org);
            _db.Memberships.Add(new Membership { OrgId = org.Id, UserId = user.Id, Role = role, CreatedAt = at });
        }

        var (hash, _) = Add(user.Id, TokenStatus.Revoked, new FineGrainedGrant
        {
            Global = ["repo.content.read"],
            Scoped = [new ScopedGrant(new GrantEntity("org", "acme", "o1"), ["repo.write"])],
            CanReadGatedRepos = true,
        }, at);
        await _db.SaveChangesAsync();

        var found = await FindAsync(hash);

        var expected = await new EfTokenStore(_db).FindByHashAsync(hash, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(["acme", "zeta"], found.Orgs.Select(o => o.Name));
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(found));
    }

    [Fact]
    public async Task Find_TokenWithoutOwnerOrNullables_ReadsWhatEfCoreReads()
    {
        var (hash, _) = Add(null, TokenStatus.Active, FineGrainedGrant.Empty, DateTimeOffset.UnixEpoch, nullables: false);
        await _db.SaveChangesAsync();

        var found = await FindAsync(hash);

        var expected = await new EfTokenStore(_db).FindByHashAsync(hash, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Null(found.Owner);
        Assert.Empty(found.Orgs);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(found));
    }

    [Fact]
    public async Task Find_UnknownHash_IsNull() => Assert.Null(await FindAsync(new byte[32]));

    private (byte[] Hash, AccessToken Token) Add(string? userId, TokenStatus status, FineGrainedGrant grant, DateTimeOffset at, bool nullables = true)
    {
        var secret = TokenFormat.Generate("sr", TokenKind.FineGrained);
        var token = new AccessToken
        {
            Id = Ids.New(), UserId = userId, Kind = userId is null ? TokenKind.Workload : TokenKind.FineGrained, Role = TokenRole.FineGrained,
            DisplayName = "t", Hash = TokenFormat.Hash(secret), Last4 = secret[^4..], Grant = grant, CreatedAt = at, Status = status,
            ExpiresAt = nullables ? at.AddDays(30) : null, LastUsedAt = nullables ? at.AddMinutes(1) : null, LastUsedIp = nullables ? "2001:db8::1" : null,
            RotatedAt = nullables ? at.AddHours(-1) : null, RevokedAt = nullables ? at.AddSeconds(5) : null,
            RevokedReason = nullables ? "leaked" : null, CreatedBy = nullables ? "runner-1" : null,
        };
        _db.Tokens.Add(token);
        return (token.Hash, token);
    }
}

public sealed class SqliteTokenLookupTests : TokenLookupTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sr-lookup-{Guid.NewGuid():N}.db");
    private SqliteTokenLookup _lookup = null!;

    protected override Task<StrongroomDb> OpenAsync()
    {
        _lookup = new SqliteTokenLookup($"Data Source={_path}");
        return Task.FromResult<StrongroomDb>(new SqliteStrongroomDb(new DbContextOptionsBuilder<SqliteStrongroomDb>().UseSqlite($"Data Source={_path}").Options));
    }

    protected override Task<StoredToken?> FindAsync(byte[] hash) => Task.FromResult(_lookup.Find(hash));

    protected override Task CloseAsync()
    {
        _lookup.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }
}

public sealed class PostgresTokenLookupTests : TokenLookupTests
{
    private string _connectionString = null!;
    private PostgresTokenLookup _lookup = null!;

    protected override TimeSpan Offset => TimeSpan.Zero;

    protected override async Task<StrongroomDb> OpenAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        _lookup = new PostgresTokenLookup(_connectionString);
        return new PostgresStrongroomDb(new DbContextOptionsBuilder<PostgresStrongroomDb>().UseNpgsql(_connectionString).Options);
    }

    protected override Task<StoredToken?> FindAsync(byte[] hash) => _lookup.FindAsync(hash, CancellationToken.None);

    protected override async Task CloseAsync()
    {
        await _lookup.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
    }
}
