using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Tokens;

/// <summary>
/// Verification's miss written by hand, shared by <see cref="SqliteTokenLookup"/> and <see cref="PostgresTokenLookup"/>:
/// the same one query as <see cref="TokenQueries{TDb}.TokenByHash"/> and the reading of its rows. Only the parameter's
/// spelling and how an instant is stored differ between the two databases.
/// </summary>
internal static class TokenLookupRows
{
    /// <summary>The columns in the order <see cref="Read"/> reads them; the names are EF Core's (the migrations made them). The hash is <c>$hash</c>.</summary>
    public const string Sql = """
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

    private static readonly DiagnosticListener Diagnostics = new(TokenLookupDiagnostics.Name);

    /// <summary>Reads every row of the query: the token and its owner from the first, one org a row.</summary>
    public static async Task<StoredToken?> ReadAllAsync(DbDataReader row, Func<DbDataReader, int, DateTimeOffset> instant, CancellationToken cancellationToken)
    {
        StoredToken? found = null;
        var orgs = new List<CallerOrg>();
        while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Next(row, instant, orgs, ref found);
        }

        return found;
    }

    /// <summary>As <see cref="ReadAllAsync"/>, for a database in this process (nothing to wait for: no task around each row).</summary>
    public static StoredToken? ReadAll(DbDataReader row, Func<DbDataReader, int, DateTimeOffset> instant)
    {
        StoredToken? found = null;
        var orgs = new List<CallerOrg>();
        while (row.Read())
        {
            Next(row, instant, orgs, ref found);
        }

        return found;
    }

    /// <summary>Tells the listener named <see cref="TokenLookupDiagnostics.Name"/> that the query ran (tests count statements with it).</summary>
    public static void Report(string connectionString, string sql)
    {
        if (Diagnostics.IsEnabled("CommandExecuted"))
        {
            Diagnostics.Write("CommandExecuted", new TokenLookupDiagnostics.Executed(connectionString, sql));
        }
    }

    private static void Next(DbDataReader row, Func<DbDataReader, int, DateTimeOffset> instant, List<CallerOrg> orgs, ref StoredToken? found)
    {
        found ??= Read(row, instant, orgs);
        if (!row.IsDBNull(26) && !row.IsDBNull(29))
        {
            orgs.Add(new CallerOrg(row.GetString(26), row.GetString(27), Text(row, 28), Parse<OrgRole>(row.GetString(29))));
        }
    }

    private static StoredToken Read(DbDataReader row, Func<DbDataReader, int, DateTimeOffset> instant, List<CallerOrg> orgs)
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
            CreatedAt = instant(row, 8),
            ExpiresAt = Maybe(row, instant, 9),
            LastUsedAt = Maybe(row, instant, 10),
            LastUsedIp = Text(row, 11),
            RotatedAt = Maybe(row, instant, 12),
            Status = Parse<TokenStatus>(row.GetString(13)),
            RevokedAt = Maybe(row, instant, 14),
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
            CreatedAt = instant(row, 25),
        };
        return new StoredToken(token, owner, orgs);
    }

    private static DateTimeOffset? Maybe(DbDataReader row, Func<DbDataReader, int, DateTimeOffset> instant, int ordinal) =>
        row.IsDBNull(ordinal) ? null : instant(row, ordinal);

    private static string? Text(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    /// <summary>As EF Core's enum-to-string converter reads: case-insensitive, the default when unknown.</summary>
    private static T Parse<T>(string value) where T : struct, Enum => Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : default;
}
