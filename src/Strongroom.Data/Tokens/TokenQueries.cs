using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Tokens;

/// <summary>
/// Verification's query, compiled once so that a cache miss skips building and translating the LINQ.
/// One set per concrete context: EF Core runs a compiled query only against the model it was compiled for,
/// and SQLite's and PostgreSQL's differ.
/// </summary>
internal static class TokenQueries<TDb> where TDb : StrongroomDb
{
    /// <summary>One round trip: the token, its owner, and one row per membership of the owner (one row with no org when none).</summary>
    public static readonly Func<TDb, byte[], IAsyncEnumerable<TokenRow>> TokenByHash = EF.CompileAsyncQuery(
        (TDb db, byte[] hash) =>
            from t in db.Tokens.AsNoTracking()
            where t.Hash == hash
            join u in db.Users.AsNoTracking() on t.UserId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            join m in db.Memberships.AsNoTracking() on u.Id equals m.UserId into memberships
            from m in memberships.DefaultIfEmpty()
            join o in db.Organizations.AsNoTracking() on m.OrgId equals o.Id into orgs
            from o in orgs.DefaultIfEmpty()
            orderby o.Name
            select new TokenRow { Token = t, Owner = u, OrgId = o.Id, OrgName = o.Name, OrgFullname = o.Fullname, Role = (OrgRole?)m.Role });

    /// <summary>The token with this hash and its owner, and the owner's orgs ordered by name.</summary>
    public static async Task<StoredToken?> FindAsync(TDb db, byte[] hash, CancellationToken cancellationToken)
    {
        TokenRow? first = null;
        var orgs = new List<CallerOrg>();
        await foreach (var row in TokenByHash(db, hash).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            first ??= row;
            if (row.OrgId is not null && row.Role is { } role)
            {
                orgs.Add(new CallerOrg(row.OrgId, row.OrgName!, row.OrgFullname, role));
            }
        }

        return first is null ? null : new StoredToken(first.Token, first.Owner, orgs);
    }

    /// <summary>A token, its owner and one of the owner's orgs as one row.</summary>
    public sealed class TokenRow
    {
        public required AccessToken Token { get; init; }
        public User? Owner { get; init; }
        public string? OrgId { get; init; }
        public string? OrgName { get; init; }
        public string? OrgFullname { get; init; }
        public OrgRole? Role { get; init; }
    }
}
