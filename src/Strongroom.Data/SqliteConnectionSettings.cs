using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strongroom.Data;

/// <summary>
/// Settings of each SQLite connection the data services hand out: <c>synchronous=NORMAL</c> (commits are
/// made durable by <see cref="SqliteGroupCommit"/> when <see cref="DatabaseOptions.SqliteSynchronous"/> is
/// <c>Full</c>), and a write-ahead log checkpointed by <see cref="SqliteWalCheckpointer"/> rather than by the
/// writers (<c>wal_autocheckpoint</c> only as a backstop).
/// The settings belong to the native connection, which the pool keeps across opens, so they are sent once per
/// native connection, not on every open (a statement per request would cost more than it saves).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _set.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA wal_autocheckpoint={SqliteWalCheckpointer.BackstopPages}; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        _set.AddOrUpdate(handle, handle);
    }
}
