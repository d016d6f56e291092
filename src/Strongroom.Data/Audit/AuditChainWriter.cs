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
    /// <summary>A row to seal: its id and its fields as the chain hashes them (<see cref="AuditChain.EncodeFields"/>).</summary>
    internal readonly record struct PendingEvent(long Id, byte[] Fields)
    {
        /// <summary>A stored row to seal; its fields encoded now, unless it still holds those its MAC was computed from.</summary>
        public static PendingEvent Of(AuditRecord record) => new(record.Id, record.EncodedFields ?? AuditChain.EncodeFields(AuditRecordMapping.ToEntry(record)));
    }

    private static readonly string[] RowParameters = ["id", "seq", "prev", "hash"];

    /// <summary>
    /// SQLite: an UPDATE, so that the deferred transaction takes the write lock before it reads the head.
    /// PostgreSQL: a row lock alone; an UPDATE would leave a dead version of the head row behind at every batch.
    /// </summary>
    private const string LockHead = """UPDATE audit_head SET "Seq" = "Seq" WHERE "Id" = 1 RETURNING "Seq", "Hash" """;

    private const string LockHeadPostgres = """SELECT "Seq", "Hash" FROM audit_head WHERE "Id" = 1 FOR UPDATE""";

    /// <summary>
    /// Gives <paramref name="events"/> (each a row's id and its encoded fields) the places after the locked head
    /// <paramref name="seq"/>/<paramref name="hash"/> and moves the head past them: one prepared statement run per
    /// row on SQLite (in process, each costs microseconds), one statement in all on PostgreSQL; sealing through
    /// tracked entities cost more than the inserts it seals.
    /// </summary>
    /// <returns>False, with nothing written, when one of the rows was sealed meanwhile (by another node): read them again.</returns>
    public static async Task<bool> ChainAsync(StrongroomDb db, IReadOnlyList<PendingEvent> events, long seq, byte[] hash, CancellationToken cancellationToken)
    {
        var links = new List<(long Id, long Seq, byte[] Prev, byte[] Hash)>(events.Count);
        foreach (var pending in events)
        {
            var next = AuditChain.ComputeHash(hash, ++seq, pending.Fields);
            links.Add((pending.Id, seq, hash, next));
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
    /// In one transaction: locks the head and chains <paramref name="events"/> after it (see <see cref="ChainAsync"/>);
    /// with <paramref name="stillPending"/>, only those of them not sealed yet (this node's own events, told of by
    /// their commits: another pass or node may have sealed some, and some may be gone).
    /// </summary>
    /// <returns>The ids chained; null, with nothing written, when one of the rows was sealed or deleted meanwhile: read them again.</returns>
    public static async Task<IReadOnlyList<long>?> SealAsync(StrongroomDb db, IReadOnlyList<PendingEvent> events, bool stillPending,
        CancellationToken cancellationToken)
    {
        // Nobody waits for a seal to be durable: the events were when their actions returned, and a seal lost in
        // a crash leaves them pending, to be sealed again (any later durable commit makes it durable first).
        var (transaction, seq, hash) = await BeginLockedAsync(db, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (stillPending)
            {
                // Under the head's lock no sealer can seal them before this transaction ends.
                var ids = events.Select(e => e.Id).ToList();
                var pending = (await db.AuditEvents.AsNoTracking().Where(a => ids.Contains(a.Id) && a.Seq == null).Select(a => a.Id)
                    .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
                events = [.. events.Where(e => pending.Contains(e.Id))];
            }

            if (events.Count == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return [];
            }

            if (!await ChainAsync(db, events, seq, hash, cancellationToken).ConfigureAwait(false))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return [.. events.Select(e => e.Id)];
        }
    }

    /// <summary>
    /// Begins a transaction and locks the head in it. On PostgreSQL its commit does not wait for the WAL to reach
    /// the disk (<c>synchronous_commit = off</c>, this transaction alone), because a commit holds its row locks until
    /// it returns: waiting there would hold every other appender and sealer, fleet-wide, for an fsync. A caller that
    /// needs the commit durable then waits in <see cref="WhenDurableAsync"/>, holding no lock, sharing the fsync.
    /// On SQLite the commit holds no lock while it waits (<see cref="SqliteGroupCommitInterceptor"/>).
    /// </summary>
    public static async Task<(IDbContextTransaction Transaction, long Seq, byte[] Hash)> BeginLockedAsync(StrongroomDb db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (seq, hash) = await ReadLockedHeadAsync(db, cancellationToken,
                db is PostgresStrongroomDb ? "SET LOCAL synchronous_commit TO OFF; " : "").ConfigureAwait(false);
            return (transaction, seq, hash);
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Inserts <paramref name="records"/> as they are, in the caller's transaction. When they are chained (numbered
    /// and hashed after the locked head), moves the head to the last. On PostgreSQL one statement of arrays (and
    /// the head's update) in one round trip; on SQLite one prepared statement run per row (in process).
    /// </summary>
    public static async Task InsertAsync(StrongroomDb db, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        var last = records[^1];
        if (db is not PostgresStrongroomDb)
        {
            await SqliteAuditInsert.InsertEachAsync(db, records, cancellationToken).ConfigureAwait(false);
            if (last.Seq is { } seq)
            {
                await MoveHeadAsync(db, seq, last.Hash!, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        try
        {
            var (sql, parameters) = PostgresAuditInsert.Insert(records);
            await ExecuteAsync(db, sql, cancellationToken, parameters).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // As the context reports a failed save, whichever way the rows went.
            throw new DbUpdateException("The audit events could not be saved: " + e.Message, e);
        }
    }

    /// <summary>
    /// Returns once everything committed before the call is durable. On PostgreSQL: a durable commit of its own
    /// (the statement takes a transaction id, so its commit writes a record and flushes the WAL up to it, and with
    /// it every commit before); concurrent callers share PostgreSQL's flush. On SQLite: at once (see <see cref="BeginLockedAsync"/>).
    /// </summary>
    public static async Task WhenDurableAsync(StrongroomDb db, CancellationToken cancellationToken)
    {
        if (db is PostgresStrongroomDb)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_current_xact_id()", cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<(long Seq, byte[] Hash)> ReadLockedHeadAsync(StrongroomDb db, CancellationToken cancellationToken, string before = "")
    {
        await using var command = Command(db, before + (db is PostgresStrongroomDb ? LockHeadPostgres : LockHead));
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
        AddParameters(command, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static void AddParameters(DbCommand command, IEnumerable<(string Name, object Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
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
