using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Tokens;

/// <summary>
/// Verification's miss on SQLite, by hand: the same one query as <see cref="TokenQueries{TDb}.TokenByHash"/> (<see cref="TokenLookupRows"/>),
/// prepared once on each of a few connections kept open for it. Through EF Core a miss cost about 250 us, of
/// which SQLite preparing the four-table statement was about half and EF Core opening its connection (it
/// registers its SQL functions on every open) and materializing the rest; stepping a prepared statement
/// costs a few microseconds. Only this one read is done this way: everything else goes through EF Core.
/// </summary>
public sealed class SqliteTokenLookup(string connectionString) : IDisposable
{
    /// <summary>Connections kept open beyond this many are closed after use (a burst of misses opens more).</summary>
    private const int MaxIdle = 8;

    /// <summary>SqliteStrongroomDb stores instants with this converter; its own expression, so the two cannot drift.</summary>
    private static readonly Func<long, DateTimeOffset> Binary = new DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

    private static readonly Func<DbDataReader, int, DateTimeOffset> Instant = (row, ordinal) => Binary(row.GetInt64(ordinal));

    private readonly ConcurrentQueue<Prepared> _idle = new();
    private int _idleCount;
    private bool _disposed;

    /// <summary>The token with this SHA-256, its owner and the owner's orgs ordered by name; null when none is stored.</summary>
    public StoredToken? Find(byte[] hash)
    {
        var prepared = Rent();
        StoredToken? found;
        try
        {
            found = prepared.Find(hash);
        }
        catch
        {
            prepared.Dispose();
            throw;
        }

        Return(prepared);
        TokenLookupRows.Report(connectionString, TokenLookupRows.Sql);
        return found;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var prepared))
        {
            prepared.Dispose();
        }
    }

    private Prepared Rent()
    {
        if (_idle.TryDequeue(out var prepared))
        {
            Interlocked.Decrement(ref _idleCount);
            return prepared;
        }

        return new Prepared(connectionString);
    }

    private void Return(Prepared prepared)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            prepared.Dispose();
            return;
        }

        _idle.Enqueue(prepared);
    }

    /// <summary>An open connection with the statement prepared on it; used by one lookup at a time.</summary>
    private sealed class Prepared : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _hash;

        public Prepared(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                _command = _connection.CreateCommand();
                _command.CommandText = TokenLookupRows.Sql;
                _hash = _command.Parameters.Add("$hash", SqliteType.Blob);
                _hash.Value = Array.Empty<byte>();
                _command.Prepare();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public StoredToken? Find(byte[] hash)
        {
            _hash.Value = hash;
            StoredToken? found;
            // SQLite reads in this process: nothing to wait for, so the synchronous calls (the async ones
            // would run the same code and allocate a task around it).
            using (var row = _command.ExecuteReader())
            {
                found = TokenLookupRows.ReadAll(row, Instant);
            }

            _hash.Value = Array.Empty<byte>();
            return found;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
