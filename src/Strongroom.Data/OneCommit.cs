namespace Strongroom.Data;

/// <summary>
/// Runs an action's change and its audit event in one transaction, whatever writes the change
/// (<c>SaveChanges</c>, <c>ExecuteUpdate</c>, <c>ExecuteDelete</c>): both commit or neither does, so an
/// event that cannot be written fails its action. Joins the caller's transaction when there is one.
/// </summary>
public static class OneCommit
{
    public static async Task<T> InOneCommitAsync<T>(this StrongroomDb db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.CurrentTransaction is not null)
        {
            return await work().ConfigureAwait(false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work().ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
