namespace Strongroom.Data.Audit;

/// <summary>A stored signed checkpoint of the chain head (see <c>Strongroom.Core.Audit.AuditCheckpoint</c>).</summary>
public sealed class AuditCheckpointRecord
{
    public long Id { get; set; }
    public long Size { get; set; }
    public required byte[] HeadHash { get; set; }
    public DateTimeOffset Time { get; set; }
    public required byte[] PrevSignature { get; set; }
    public required byte[] Signature { get; set; }
}
