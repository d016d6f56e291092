using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Strongroom.Data;

/// <summary>
/// Lets a background job run on one node of the fleet at a time: a PostgreSQL session-level advisory
/// lock, held on the caller's database connection until disposed (and freed by PostgreSQL if the
/// node dies). SQLite is one node by construction, so there the lock is always granted.
/// </summary>
public sealed class FleetLock : IAsyncDisposable
{
    /// <summary>The advisory lock key of the KMS rewrap job ("SR" and a job number).</summary>
    public const long KmsRewrap = 0x5352_0001;

    /// <summary>The advisory lock key of the leak sweep.</summary>
    public const long LeakSweep = 0x5352_0002;

    /// <summary>The advisory lock key of notification delivery.</summary>
    public const long NotificationDelivery = 0x5352_0003;

    private readonly StrongroomDb? _db;
    private readonly long _key;

    private FleetLock(StrongroomDb? db, long key)
    {
        _db = db;
        _key = key;
    }

    /// <summary>The lock, or null when another node holds it. Keep <paramref name="db"/> alive until disposing it.</summary>
    public static async Task<FleetLock?> TryAcquireAsync(StrongroomDb db, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not PostgresStrongroomDb)
        {
            return new FleetLock(null, key);
        }

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var acquired = await ScalarAsync(db, "SELECT pg_try_advisory_lock(@key)", key, cancellationToken).ConfigureAwait(false);
        if (acquired is true)
        {
            return new FleetLock(db, key);
        }

        await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null)
        {
            return;
        }

        try
        {
            await ScalarAsync(_db, "SELECT pg_advisory_unlock(@key)", _key, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Closing alone would not free a session lock: the pooled session lives on.
            await _db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(StrongroomDb db, string sql, long key, CancellationToken cancellationToken)
    {
        DbConnection connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
