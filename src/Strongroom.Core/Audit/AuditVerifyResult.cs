using System.Text.Json.Serialization;

namespace Strongroom.Core.Audit;

/// <summary>
/// What verifying the chain found, in the fixed shape of <c>GET /api/admin/audit/verify</c> and
/// <c>strongroom audit verify --json</c>.
/// </summary>
public sealed record AuditVerifyResult(bool Ok, long Events, long Checkpoints,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] AuditProblem? FirstBad);

/// <summary>The first event that fails and how: <c>edited</c>, <c>deleted</c>, <c>inserted</c> or <c>truncated</c>.</summary>
public sealed record AuditProblem(long Seq, string Problem)
{
    public const string Edited = "edited";
    public const string Deleted = "deleted";
    public const string Inserted = "inserted";
    public const string Truncated = "truncated";
}
