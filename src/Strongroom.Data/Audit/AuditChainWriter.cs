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
    private const string LockHead = """UPDATE audit_head SET "Seq" = "Seq" WHERE "Id" = 1 RETURNING "Seq", "Hash" """;

    /// <summary>Gives <paramref name="records"/> the places after the locked head <paramref name="seq"/>/<paramref name="hash"/> and moves the head past them.</summary>
    public static void Chain(StrongroomDb db, IReadOnlyList<AuditRecord> records, long seq, byte[] hash)
    {
        foreach (var record in records)
        {
            record.Seq = ++seq;
            record.PrevHash = hash;
            record.Hash = AuditChain.ComputeHash(hash, AuditRecordMapping.ToEntry(record));
            hash = record.Hash;
        }

        // The head moves in the save's own batch, one round trip less than a statement of its own.
        var head = db.AuditHead.Local.FirstOrDefault(h => h.Id == AuditHead.RowId)
            ?? db.AuditHead.Attach(new AuditHead { Id = AuditHead.RowId, Seq = -1, Hash = [] }).Entity;
        head.Seq = seq;
        head.Hash = hash;
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

    private static DbCommand Command(StrongroomDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit rows are chained inside the transaction that seals them.");
        return command;
    }
}
