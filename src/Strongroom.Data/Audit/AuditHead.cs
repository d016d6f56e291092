namespace Strongroom.Data.Audit;

/// <summary>
/// The chain's head, one row: the last sequence number and hash. Every append locks it first, so
/// appends from any node are ordered by the database, and a truncated tail shows against it.
/// </summary>
public sealed class AuditHead
{
    public const int RowId = 1;

    public int Id { get; set; } = RowId;
    public long Seq { get; set; }
    public required byte[] Hash { get; set; }
}
