using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Strongroom.Core.Secrets;
using Strongroom.Data;

namespace Strongroom.Server.Features.Kms;

/// <summary>
/// Writes a chunk of rewrapped data keys in one statement (one round trip instead of one per row), each
/// row still on its own condition: same Space, key, secret version and old KMS version as when read.
/// <c>WITH v(...) AS (VALUES ...) UPDATE ... FROM v</c> is understood by both PostgreSQL and SQLite (3.33+).
/// Names come from the EF model, so a rename in the model cannot leave this statement behind.
/// </summary>
internal static class RewrapStatement
{
    /// <summary>Six parameters a row; SQLite allows 32,766 a statement.</summary>
    public const int MaxRowsPerStatement = 1000;

    /// <summary>Returns how many rows were updated; the others changed since they were read.</summary>
    public static async Task<int> ExecuteAsync(StrongroomDb db, IReadOnlyList<(RewrapRow Row, SealedSecret Moved)> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return 0;
        }

        var entity = db.Model.FindEntityType(typeof(SpaceSecret)) ?? throw new InvalidOperationException("SpaceSecret is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(table)!);
        var target = (entity.GetSchema() is { } schema ? Quote(schema) + "." : "") + Quote(table.Name);

        var sql = new StringBuilder();
        sql.Append("WITH v(repo_id, secret_key, secret_version, old_kms, wrapped, new_kms) AS (VALUES ");
        var parameters = new object[chunk.Count * 6];
        for (var i = 0; i < chunk.Count; i++)
        {
            var (row, moved) = chunk[i];
            var p = i * 6;
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}})");
            parameters[p] = row.RepoId;
            parameters[p + 1] = row.Key;
            parameters[p + 2] = row.Version;
            parameters[p + 3] = row.KmsKeyVersion;
            parameters[p + 4] = moved.WrappedDataKey;
            parameters[p + 5] = moved.KmsKeyVersion;
        }

        sql.Append(CultureInfo.InvariantCulture,
            $") UPDATE {target} SET {Column(nameof(SpaceSecret.WrappedDataKey))} = v.wrapped, {Column(nameof(SpaceSecret.KmsKeyVersion))} = v.new_kms FROM v");
        sql.Append(CultureInfo.InvariantCulture, $" WHERE {target}.{Column(nameof(SpaceSecret.RepoId))} = v.repo_id AND {target}.{Column(nameof(SpaceSecret.Key))} = v.secret_key");
        sql.Append(CultureInfo.InvariantCulture,
            $" AND {target}.{Column(nameof(SpaceSecret.Version))} = v.secret_version AND {target}.{Column(nameof(SpaceSecret.KmsKeyVersion))} = v.old_kms");
        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken).ConfigureAwait(false);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
