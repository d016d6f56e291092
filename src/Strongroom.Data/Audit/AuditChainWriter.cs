using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>
/// Chains rows inside the sealer's transaction: locks the head row (an UPDATE, so the lock is taken before
/// the head is read, on SQLite's single writer and PostgreSQL's row lock alike), numbers and hashes the
/// rows after it, and moves the head. A sealer on another node waits on the lock and then reads the head
/// this one committed, so sequence numbers never fork.
/// </summary>
internal static class AuditChainWriter
{
    private static readonly string[] RowParameters = ["id", "seq", "prev", "hash"];

    private const string LockHead = """UPDATE audit_head SET "Seq" = "Seq" WHERE "Id" = 1 RETURNING "Seq", "Hash" """;

    /// <summary>
    /// Gives <paramref name="records"/> (read untracked) the places after the locked head <paramref name="seq"/>/<paramref name="hash"/>
    /// and moves the head past them: one prepared statement run per row on SQLite (in process, each costs
    /// microseconds), one statement in all on PostgreSQL; sealing through tracked entities cost more than the
    /// inserts it seals.
    /// </summary>
    /// <returns>False, with nothing written, when one of the rows was sealed meanwhile (by another node): read them again.</returns>
    public static async Task<bool> ChainAsync(StrongroomDb db, IReadOnlyList<AuditRecord> records, long seq, byte[] hash, CancellationToken cancellationToken)
    {
        var links = new List<(long Id, long Seq, byte[] Prev, byte[] Hash)>(records.Count);
        foreach (var record in records)
        {
            var entry = AuditRecordMapping.ToEntry(record) with { Seq = ++seq };
            var next = AuditChain.ComputeHash(hash, entry);
            links.Add((record.Id, seq, hash, next));
            hash = next;
        }

        var written = db is PostgresStrongroomDb
            ? await ExecuteAsync(db, """
                UPDATE audit_events AS a SET "Seq" = v.seq, "PrevHash" = v.prev, "Hash" = v.hash
                FROM unnest(@ids, @seqs, @prevs, @hashes) AS v(id, seq, prev, hash) WHERE a."Id" = v.id AND a."Seq" IS NULL
                """, cancellationToken,
                ("ids", links.Select(l => l.Id).ToArray()), ("seqs", links.Select(l => l.Seq).ToArray()),
                ("prevs", links.Select(l => l.Prev).ToArray()), ("hashes", links.Select(l => l.Hash).ToArray())).ConfigureAwait(false)
            : await UpdateEachAsync(db, links, cancellationToken).ConfigureAwait(false);
        if (written != links.Count)
        {
            return false;
        }

        await MoveHeadAsync(db, seq, hash, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Moves the locked head to <paramref name="seq"/>/<paramref name="hash"/>, in the transaction that locked it.</summary>
    public static Task MoveHeadAsync(StrongroomDb db, long seq, byte[] hash, CancellationToken cancellationToken) =>
        ExecuteAsync(db, """UPDATE audit_head SET "Seq" = @seq, "Hash" = @hash WHERE "Id" = 1""", cancellationToken, ("seq", seq), ("hash", hash));

    /// <summary>One prepared statement, run per row: SQLite's planner may scan the whole table for an UPDATE ... FROM (VALUES ...).</summary>
    private static async Task<int> UpdateEachAsync(StrongroomDb db, List<(long Id, long Seq, byte[] Prev, byte[] Hash)> links, CancellationToken cancellationToken)
    {
        await using var command = Command(db, """UPDATE audit_events SET "Seq" = @seq, "PrevHash" = @prev, "Hash" = @hash WHERE "Id" = @id AND "Seq" IS NULL""");
        var parameters = RowParameters.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        var written = 0;
        foreach (var link in links)
        {
            (parameters[0].Value, parameters[1].Value, parameters[2].Value, parameters[3].Value) = (link.Id, link.Seq, link.Prev, link.Hash);
            written += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>
    /// In one transaction: locks the head and chains <paramref name="records"/> after it (see <see cref="ChainAsync"/>).
    /// </summary>
    /// <returns>False, with nothing written, when one of the rows was sealed meanwhile: read them again.</returns>
    public static async Task<bool> SealAsync(StrongroomDb db, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (seq, hash) = await ReadLockedHeadAsync(db, cancellationToken).ConfigureAwait(false);
        if (!await ChainAsync(db, records, seq, hash, cancellationToken).ConfigureAwait(false))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    internal static async Task<(long Seq, byte[] Hash)> ReadLockedHeadAsync(StrongroomDb db, CancellationToken cancellationToken)
    {
        await using var command = Command(db, LockHead);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The audit_head row is missing: the audit chain cannot be appended to.");
        }

        return (reader.GetInt64(0), (byte[])reader.GetValue(1));
    }

    private static async Task<int> ExecuteAsync(StrongroomDb db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(db, sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(StrongroomDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit rows are chained inside the transaction that seals them.");
        return command;
    }
}
