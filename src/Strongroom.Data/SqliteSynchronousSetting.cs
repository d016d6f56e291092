using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strongroom.Data;

/// <summary>
/// Sets <c>PRAGMA synchronous=NORMAL</c> on each SQLite connection (see <see cref="DatabaseOptions.SqliteSynchronous"/>).
/// The setting belongs to the native connection, which the pool keeps across opens, so it is sent once per
/// native connection, not on every open (a statement per request would cost more than it saves).
/// </summary>
internal sealed class SqliteSynchronousSetting : DbConnectionInterceptor
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
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        _set.AddOrUpdate(handle, handle);
    }
}
