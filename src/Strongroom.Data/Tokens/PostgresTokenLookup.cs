using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Tokens;

/// <summary>
/// Verification's miss on PostgreSQL, by hand: the same one query as <see cref="TokenQueries{TDb}.TokenByHash"/>
/// (<see cref="TokenLookupRows"/>), prepared on the server. Through EF Core each miss had PostgreSQL parse and plan the
/// four-table join again and EF Core lease a context and materialize through it; a statement prepared once per
/// pooled connection (Npgsql keeps it across opens, and finds it again by its text) is only bound and executed.
/// Its own data source, so its connections' prepared statement is never reset by EF Core's use of a connection.
/// </summary>
public sealed class PostgresTokenLookup : IAsyncDisposable, IDisposable
{
    /// <summary>Connections this lookup keeps at most (each with the statement prepared).</summary>
    private const int MaxConnections = 16;

    private static readonly string Sql = TokenLookupRows.Sql.Replace("$hash", "$1", StringComparison.Ordinal);

    /// <summary>timestamptz comes back in UTC, with offset zero, as EF Core reads it.</summary>
    private static readonly Func<DbDataReader, int, DateTimeOffset> Instant = (row, ordinal) => row.GetFieldValue<DateTimeOffset>(ordinal);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;

    public PostgresTokenLookup(string connectionString)
    {
        _connectionString = connectionString;

        // Beside EF Core's pool, not another hundred: a burst of misses beyond this waits for a connection.
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        settings.MaxPoolSize = Math.Min(settings.MaxPoolSize, MaxConnections);
        _dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
    }

    /// <summary>The token with this SHA-256, its owner and the owner's orgs ordered by name; null when none is stored.</summary>
    public async Task<StoredToken?> FindAsync(byte[] hash, CancellationToken cancellationToken)
    {
        StoredToken? found;
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(Sql, connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = hash });
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false); // no round trip once this connection has it
                var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (row.ConfigureAwait(false))
                {
                    found = await TokenLookupRows.ReadAllAsync(row, Instant, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        TokenLookupRows.Report(_connectionString, Sql);
        return found;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
