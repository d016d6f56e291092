using Strongroom.Core.Audit;

namespace Strongroom.Data.Audit;

/// <summary>Between stored rows and the chain's own shapes.</summary>
public static class AuditRecordMapping
{
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
