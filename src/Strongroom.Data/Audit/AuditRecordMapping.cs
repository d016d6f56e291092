using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>Between stored rows and the chain's own shapes.</summary>
public static class AuditRecordMapping
{
    /// <summary>The row an event is stored as, at <paramref name="time"/> (whole milliseconds), without its MAC.</summary>
    public static AuditRecord ToRecord(AuditEvent auditEvent, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return new AuditRecord
        {
            Time = AuditChain.Truncate(time),
            Action = auditEvent.Action,
            Outcome = auditEvent.Outcome,
            ActorUserId = auditEvent.ActorUserId,
            TokenId = auditEvent.TokenId,
            OrgId = auditEvent.OrgId,
            Ip = auditEvent.Ip,
            UserAgent = auditEvent.UserAgent is { Length: > 300 } agent ? agent[..300] : auditEvent.UserAgent,
            Target = auditEvent.Target,
            DetailsJson = auditEvent.Details is { Count: > 0 } details ? System.Text.Json.JsonSerializer.Serialize(details) : null,
        };
    }

    public static AuditEntry ToEntry(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditEntry
        {
            Seq = record.Seq ?? 0,
            Time = record.Time,
            Action = record.Action,
            Outcome = record.Outcome,
            ActorUserId = record.ActorUserId,
            TokenId = record.TokenId,
            OrgId = record.OrgId,
            Ip = record.Ip,
            UserAgent = record.UserAgent,
            Target = record.Target,
            DetailsJson = record.DetailsJson,
            PrevHash = record.PrevHash ?? [],
            Hash = record.Hash ?? [],
        };
    }

    public static AuditCheckpoint ToCheckpoint(AuditCheckpointRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditCheckpoint
        {
            Size = record.Size,
            HeadHash = record.HeadHash,
            Time = record.Time,
            PrevSignature = record.PrevSignature,
            Signature = record.Signature,
        };
    }
}
