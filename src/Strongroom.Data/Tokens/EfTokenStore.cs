using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Tokens;

/// <summary>
/// Tokens over EF Core; lookups by the unique SHA-256 index. The context is taken from the request's services
/// on first use, not when the store is made: a request whose token is cached never leases one. On SQLite the
/// verification lookup goes through <see cref="SqliteTokenLookup"/>, on PostgreSQL through <see cref="PostgresTokenLookup"/>,
/// when one is given.
/// </summary>
public sealed class EfTokenStore(Func<StrongroomDb> context, SqliteTokenLookup? sqliteLookup = null, PostgresTokenLookup? postgresLookup = null) : ITokenStore
{
    private StrongroomDb? _db;

    public EfTokenStore(StrongroomDb db)
        : this(() => db)
    {
    }

    private StrongroomDb Db => _db ??= context();

    public Task<StoredToken?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        if (sqliteLookup is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(sqliteLookup.Find(hash));
        }

        if (postgresLookup is not null)
        {
            return postgresLookup.FindAsync(hash, cancellationToken);
        }

        return Db switch
        {
            SqliteStrongroomDb sqlite => TokenQueries<SqliteStrongroomDb>.FindAsync(sqlite, hash, cancellationToken),
            PostgresStrongroomDb postgres => TokenQueries<PostgresStrongroomDb>.FindAsync(postgres, hash, cancellationToken),
            _ => TokenQueries<StrongroomDb>.FindAsync(Db, hash, cancellationToken),
        };
    }

    public async Task<IReadOnlyList<(AccessToken Token, User? Owner)>> FindManyByHashAsync(IReadOnlyCollection<byte[]> hashes, CancellationToken cancellationToken)
    {
        if (hashes.Count == 0)
        {
            return [];
        }

        var rows = await (
            from t in Db.Tokens
            where hashes.Contains(t.Hash)
            join u in Db.Users.AsNoTracking() on t.UserId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            select new { Token = t, Owner = u }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (r.Token, (User?)r.Owner)).ToList();
    }

    public Task<AccessToken?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        Db.Tokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public async Task<IReadOnlyList<AccessToken>> ListForUserAsync(string userId, CancellationToken cancellationToken) =>
        await Db.Tokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<int> CountActiveForUserAsync(string userId, CancellationToken cancellationToken) =>
        Db.Tokens.CountAsync(t => t.UserId == userId && t.Status == TokenStatus.Active, cancellationToken);

    public async Task AddAsync(AccessToken token, CancellationToken cancellationToken)
    {
        Db.Tokens.Add(token);
        await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(AccessToken token, CancellationToken cancellationToken)
    {
        if (Db.Entry(token).State == EntityState.Detached)
        {
            Db.Tokens.Update(token);
        }

        await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task TouchAsync(string id, DateTimeOffset at, string? ip, CancellationToken cancellationToken) =>
        Db.Tokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at).SetProperty(t => t.LastUsedIp, ip), cancellationToken);
}
