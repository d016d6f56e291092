using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Strongroom.Data.Audit;

/// <summary>
/// Audit rows into SQLite by one prepared statement run per row, in the caller's transaction: in process, each
/// run costs microseconds, where the context's save of the same rows (tracking, a RETURNING per row) cost a
/// millisecond for a batch of a few dozen, in the one writer's turn.
/// </summary>
internal static class SqliteAuditInsert
{
    private static readonly string[] Names =
        ["seq", "time", "action", "outcome", "actor", "token", "org", "ip", "agent", "target", "details", "prev", "hash", "mac"];

    public static async Task InsertEachAsync(StrongroomDb db, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        // The stored form of Time is the model's own (a converter on SQLite), whatever it is.
        var time = db.Model.FindEntityType(typeof(AuditRecord))!.FindProperty(nameof(AuditRecord.Time))!.GetTypeMapping().Converter;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit rows are inserted inside the caller's transaction.");
        command.CommandText = """
            INSERT INTO audit_events ("Seq", "Time", "Action", "Outcome", "ActorUserId", "TokenId", "OrgId", "Ip", "UserAgent", "Target", "DetailsJson", "PrevHash", "Hash", "Mac")
            VALUES (@seq, @time, @action, @outcome, @actor, @token, @org, @ip, @agent, @target, @details, @prev, @hash, @mac)
            """;
        var parameters = Names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        try
        {
            foreach (var r in records)
            {
                object?[] values = [r.Seq, time is null ? r.Time : time.ConvertToProvider(r.Time), r.Action, r.Outcome, r.ActorUserId, r.TokenId, r.OrgId, r.Ip,
                    r.UserAgent, r.Target, r.DetailsJson, r.PrevHash, r.Hash, r.Mac];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DbException e)
        {
            // As the context reports a failed save.
            throw new DbUpdateException("The audit events could not be saved: " + e.Message, e);
        }
    }
}
