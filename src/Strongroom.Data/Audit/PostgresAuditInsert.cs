using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Strongroom.Data.Audit;

/// <summary>
/// Audit rows into PostgreSQL as arrays: one statement for a batch, whatever its size. Round trips are what a
/// batch costs on PostgreSQL (the rows themselves cost microseconds), so the appender's usual batch is one round
/// trip in all (<see cref="AppendAfterAsync"/>).
/// </summary>
internal static class PostgresAuditInsert
{
    /// <summary>Inserts the rows given as arrays (<see cref="Rows"/>) as they are.</summary>
    internal const string InsertRows = """
        INSERT INTO audit_events ("Seq", "Time", "Action", "Outcome", "ActorUserId", "TokenId", "OrgId", "Ip", "UserAgent", "Target", "DetailsJson", "PrevHash", "Hash", "Mac")
        SELECT * FROM unnest(@seqs, @times, @actions, @outcomes, @actors, @tokens, @orgs, @ips, @agents, @targets, @details, @prevs, @hashes, @macs)
        """;

    /// <summary>
    /// The statement that inserts <paramref name="records"/> as they are, in the caller's transaction; when they
    /// are chained (after the head the caller locked), it moves the head to the last too.
    /// </summary>
    public static (string Sql, (string Name, object Value)[] Parameters) Insert(IReadOnlyList<AuditRecord> records)
    {
        var parameters = Rows(records);
        var sql = InsertRows;
        if (records[^1] is { Seq: { } seq, Hash: { } hash })
        {
            sql += """; UPDATE audit_head SET "Seq" = @seq, "Hash" = @hash WHERE "Id" = 1""";
            parameters.AddRange([("seq", seq), ("hash", hash)]);
        }

        return (sql, [.. parameters]);
    }

    /// <summary>
    /// In one round trip and a transaction of its own: moves the head from <paramref name="expectedSeq"/>/<paramref name="expectedHash"/>
    /// to the last of <paramref name="records"/> (chained after that head) and inserts them, or, when the head is
    /// no longer there (another node, or this node's sealer, moved it), writes nothing. The head's row lock is
    /// held for the statement alone; the commit does not wait for the flush (see <see cref="AuditChainWriter.BeginLockedAsync"/>).
    /// </summary>
    /// <returns>Whether the rows were written.</returns>
    public static async Task<bool> AppendAfterAsync(StrongroomDb db, IReadOnlyList<AuditRecord> records, long expectedSeq, byte[] expectedHash,
        CancellationToken cancellationToken)
    {
        var parameters = Rows(records);
        parameters.AddRange([("seq", records[^1].Seq!.Value), ("hash", records[^1].Hash!), ("expectedSeq", expectedSeq), ("expectedHash", expectedHash)]);
        var inserted = await InOwnTransactionAsync(db, $"""
            WITH moved AS (UPDATE audit_head SET "Seq" = @seq, "Hash" = @hash WHERE "Id" = 1 AND "Seq" = @expectedSeq AND "Hash" = @expectedHash RETURNING 1)
            {InsertRows} WHERE EXISTS (SELECT 1 FROM moved)
            """, parameters, cancellationToken).ConfigureAwait(false);
        return inserted == records.Count;
    }

    /// <summary>
    /// Runs <paramref name="statement"/> in a transaction of its own whose commit does not wait for the flush, sent
    /// with its BEGIN and COMMIT in one round trip, prepared; returns the rows it changed.
    /// </summary>
    internal static async Task<int> InOwnTransactionAsync(StrongroomDb db, string statement, List<(string Name, object Value)> parameters,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"BEGIN; SET LOCAL synchronous_commit TO OFF; {statement}; COMMIT";
            AuditChainWriter.AddParameters(command, parameters);
            // Prepared once per pooled connection (Npgsql keeps it across opens): the batch is the writer's serial
            // turn, and parsing and planning the statement every time cost about a fifth of it under load.
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            await RollBackQuietlyAsync(connection).ConfigureAwait(false); // the failed statement left the block open
            throw new DbUpdateException("The audit events could not be saved: " + e.Message, e);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task RollBackQuietlyAsync(DbConnection connection)
    {
        try
        {
            await using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The connection is broken; the pool discards it, and its transaction with it.
        }
    }

    /// <summary>The arrays <see cref="InsertRows"/> takes.</summary>
    internal static List<(string Name, object Value)> Rows(IReadOnlyList<AuditRecord> records) =>
    [
        ("seqs", Column(records, r => r.Seq)), ("times", Column(records, r => r.Time)), ("actions", Column(records, r => r.Action)),
        ("outcomes", Column(records, r => r.Outcome)), ("actors", Column(records, r => r.ActorUserId)), ("tokens", Column(records, r => r.TokenId)),
        ("orgs", Column(records, r => r.OrgId)), ("ips", Column(records, r => r.Ip)), ("agents", Column(records, r => r.UserAgent)),
        ("targets", Column(records, r => r.Target)), ("details", Column(records, r => r.DetailsJson)), ("prevs", Column(records, r => r.PrevHash)),
        ("hashes", Column(records, r => r.Hash)), ("macs", Column(records, r => r.Mac)),
    ];

    private static TValue[] Column<TValue>(IReadOnlyList<AuditRecord> records, Func<AuditRecord, TValue> value)
    {
        var column = new TValue[records.Count];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = value(records[i]);
        }

        return column;
    }
}
