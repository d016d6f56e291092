using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Tokens;

/// <summary>
/// Verification's miss on SQLite, by hand: the same one query as <see cref="TokenQueries{TDb}.TokenByHash"/>,
/// prepared once on each of a few connections kept open for it. Through EF Core a miss cost about 250 us, of
/// which SQLite preparing the four-table statement was about half and EF Core opening its connection (it
/// registers its SQL functions on every open) and materializing the rest; stepping a prepared statement
/// costs a few microseconds. Only this one read is done this way: everything else goes through EF Core.
/// </summary>
public sealed class SqliteTokenLookup(string connectionString) : IDisposable
{
    /// <summary>The name of the <see cref="DiagnosticListener"/> that reports each lookup's SQL (tests count statements with it).</summary>
    public const string DiagnosticName = "Strongroom.Data.SqliteTokenLookup";

    /// <summary>Connections kept open beyond this many are closed after use (a burst of misses opens more).</summary>
    private const int MaxIdle = 8;

    /// <summary>The columns in the order <see cref="Read"/> reads them; the names are EF Core's (the migrations made them).</summary>
    internal const string Sql = """
        SELECT "t"."Id", "t"."UserId", "t"."Kind", "t"."Role", "t"."DisplayName", "t"."Hash", "t"."Last4", "t"."grant_json",
               "t"."CreatedAt", "t"."ExpiresAt", "t"."LastUsedAt", "t"."LastUsedIp", "t"."RotatedAt", "t"."Status",
               "t"."RevokedAt", "t"."RevokedReason", "t"."CreatedBy",
               "u"."Id", "u"."Name", "u"."Fullname", "u"."Email", "u"."PasswordHash", "u"."IsAdmin", "u"."IsActive",
               "u"."MustChangePassword", "u"."CreatedAt",
               "o"."Id", "o"."Name", "o"."Fullname", "m"."Role"
        FROM "tokens" AS "t"
        LEFT JOIN "users" AS "u" ON "t"."UserId" = "u"."Id"
        LEFT JOIN "memberships" AS "m" ON "u"."Id" = "m"."UserId"
        LEFT JOIN "organizations" AS "o" ON "m"."OrgId" = "o"."Id"
        WHERE "t"."Hash" = $hash
        ORDER BY "o"."Name"
        """;

    /// <summary>What the listener named <see cref="DiagnosticName"/> is told after each lookup.</summary>
    public sealed record Executed(string ConnectionString, string CommandText);

    private static readonly DiagnosticListener Diagnostics = new(DiagnosticName);

    /// <summary>SqliteStrongroomDb stores instants with this converter; its own expression, so the two cannot drift.</summary>
    private static readonly Func<long, DateTimeOffset> Instant = new DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

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
        if (Diagnostics.IsEnabled("CommandExecuted"))
        {
            Diagnostics.Write("CommandExecuted", new Executed(connectionString, Sql));
        }

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

    private static StoredToken Read(SqliteDataReader row, List<CallerOrg> orgs)
    {
        var token = new AccessToken
        {
            Id = row.GetString(0),
            UserId = Text(row, 1),
            Kind = Parse<TokenKind>(row.GetString(2)),
            Role = Parse<TokenRole>(row.GetString(3)),
            DisplayName = row.GetString(4),
            Hash = (byte[])row.GetValue(5),
            Last4 = row.GetString(6),
            Grant = JsonSerializer.Deserialize<FineGrainedGrant>(row.GetString(7), StrongroomDb.GrantJson) ?? FineGrainedGrant.Empty,
            CreatedAt = Instant(row.GetInt64(8)),
            ExpiresAt = MaybeInstant(row, 9),
            LastUsedAt = MaybeInstant(row, 10),
            LastUsedIp = Text(row, 11),
            RotatedAt = MaybeInstant(row, 12),
            Status = Parse<TokenStatus>(row.GetString(13)),
            RevokedAt = MaybeInstant(row, 14),
            RevokedReason = Text(row, 15),
            CreatedBy = Text(row, 16),
        };
        var owner = row.IsDBNull(17) ? null : new User
        {
            Id = row.GetString(17),
            Name = row.GetString(18),
            Fullname = Text(row, 19),
            Email = row.GetString(20),
            PasswordHash = row.GetString(21),
            IsAdmin = row.GetBoolean(22),
            IsActive = row.GetBoolean(23),
            MustChangePassword = row.GetBoolean(24),
            CreatedAt = Instant(row.GetInt64(25)),
        };
        return new StoredToken(token, owner, orgs);
    }

    private static string? Text(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static DateTimeOffset? MaybeInstant(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : Instant(row.GetInt64(ordinal));

    /// <summary>As EF Core's enum-to-string converter reads: case-insensitive, the default when unknown.</summary>
    private static T Parse<T>(string value) where T : struct, Enum => Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : default;

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
                _command.CommandText = Sql;
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
            StoredToken? found = null;
            var orgs = new List<CallerOrg>();
            // SQLite reads in this process: nothing to wait for, so the synchronous calls (the async ones
            // would run the same code and allocate a task around it).
            using (var row = _command.ExecuteReader())
            {
                while (row.Read())
                {
                    found ??= Read(row, orgs);
                    if (!row.IsDBNull(26) && !row.IsDBNull(29))
                    {
                        orgs.Add(new CallerOrg(row.GetString(26), row.GetString(27), Text(row, 28), Parse<OrgRole>(row.GetString(29))));
                    }
                }
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
