using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Hub;
using Strongroom.Core.Sessions;

namespace Strongroom.Data.Sessions;

/// <summary>Sessions over EF Core: the session and its user in one query, by the cookie's hash.</summary>
public sealed class EfSessionStore(StrongroomDb db) : ISessionStore
{
    public async Task<(Session Session, User User)?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var row = await (
            from s in db.Sessions.AsNoTracking()
            where s.Hash == hash
            join u in db.Users.AsNoTracking() on s.UserId equals u.Id
            select new { Session = s, User = u }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : (row.Session, row.User);
    }
}
