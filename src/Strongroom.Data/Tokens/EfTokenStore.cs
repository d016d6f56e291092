using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Tokens;

/// <summary>Tokens over EF Core; lookups by the unique SHA-256 index.</summary>
public sealed class EfTokenStore(StrongroomDb db) : ITokenStore
{
    public Task<StoredToken?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken) => db switch
    {
        SqliteStrongroomDb sqlite => TokenQueries<SqliteStrongroomDb>.FindAsync(sqlite, hash, cancellationToken),
        PostgresStrongroomDb postgres => TokenQueries<PostgresStrongroomDb>.FindAsync(postgres, hash, cancellationToken),
        _ => TokenQueries<StrongroomDb>.FindAsync(db, hash, cancellationToken),
    };

    public async Task<IReadOnlyList<(AccessToken Token, User? Owner)>> FindManyByHashAsync(IReadOnlyCollection<byte[]> hashes, CancellationToken cancellationToken)
    {
        if (hashes.Count == 0)
        {
            return [];
        }

        var rows = await (
            from t in db.Tokens
            where hashes.Contains(t.Hash)
            join u in db.Users.AsNoTracking() on t.UserId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            select new { Token = t, Owner = u }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (r.Token, (User?)r.Owner)).ToList();
    }

    public Task<AccessToken?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        db.Tokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public async Task<IReadOnlyList<AccessToken>> ListForUserAsync(string userId, CancellationToken cancellationToken) =>
        await db.Tokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<int> CountActiveForUserAsync(string userId, CancellationToken cancellationToken) =>
        db.Tokens.CountAsync(t => t.UserId == userId && t.Status == TokenStatus.Active, cancellationToken);

    public async Task AddAsync(AccessToken token, CancellationToken cancellationToken)
    {
        db.Tokens.Add(token);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(AccessToken token, CancellationToken cancellationToken)
    {
        if (db.Entry(token).State == EntityState.Detached)
        {
            db.Tokens.Update(token);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task TouchAsync(string id, DateTimeOffset at, string? ip, CancellationToken cancellationToken) =>
        db.Tokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at).SetProperty(t => t.LastUsedIp, ip), cancellationToken);
}
