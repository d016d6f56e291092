using Microsoft.EntityFrameworkCore;

namespace Strongroom.Data;

/// <summary>
/// Serializes changes to one organization's members. Invariants over several rows ("an org keeps an
/// admin") cannot be kept by checking and then writing: two admins demoting each other at once would both
/// see the other still there. Inside a transaction, a no-op update of the org's row takes its row lock on
/// PostgreSQL and the write lock on SQLite, so the second change waits for the first to commit and then
/// counts what it left.
/// </summary>
public static class OrgMembershipLock
{
    /// <summary>Locks the row of the org named <paramref name="orgName"/> for the rest of the current transaction; false when there is none.</summary>
    public static async Task<bool> TakeAsync(StrongroomDb db, string orgName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The membership lock only holds inside a transaction");
        }

        var rows = await db.Organizations.Where(o => o.Name == orgName)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, o => o.Name), cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }
}
