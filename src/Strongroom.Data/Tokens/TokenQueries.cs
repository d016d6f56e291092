using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Tokens;

/// <summary>
/// Verification's two queries, compiled once so that a cache miss skips building and translating the LINQ.
/// One set per concrete context: EF Core runs a compiled query only against the model it was compiled for,
/// and SQLite's and PostgreSQL's differ.
/// </summary>
internal static class TokenQueries<TDb> where TDb : StrongroomDb
{
    public static readonly Func<TDb, byte[], CancellationToken, Task<TokenRow?>> TokenByHash = EF.CompileAsyncQuery(
        (TDb db, byte[] hash, CancellationToken _) => (
            from t in db.Tokens.AsNoTracking()
            where t.Hash == hash
            join u in db.Users.AsNoTracking() on t.UserId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            select new TokenRow { Token = t, Owner = u }).FirstOrDefault());

    public static readonly Func<TDb, string, IAsyncEnumerable<CallerOrg>> OrgsOfUser = EF.CompileAsyncQuery(
        (TDb db, string userId) =>
            from m in db.Memberships.AsNoTracking()
            join o in db.Organizations.AsNoTracking() on m.OrgId equals o.Id
            where m.UserId == userId
            orderby o.Name
            select new CallerOrg(o.Id, o.Name, o.Fullname, m.Role));

    /// <summary>The token with this hash and its owner, and the owner's orgs ordered by name.</summary>
    public static async Task<StoredToken?> FindAsync(TDb db, byte[] hash, CancellationToken cancellationToken)
    {
        var row = await TokenByHash(db, hash, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var orgs = new List<CallerOrg>();
        if (row.Owner is { } owner)
        {
            await foreach (var org in OrgsOfUser(db, owner.Id).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                orgs.Add(org);
            }
        }

        return new StoredToken(row.Token, row.Owner, orgs);
    }

    /// <summary>A token and its owner as one row.</summary>
    public sealed class TokenRow
    {
        public required AccessToken Token { get; init; }
        public User? Owner { get; init; }
    }
}
