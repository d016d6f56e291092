namespace Strongroom.Data.Audit;

/// <summary>
/// A stored audit event. The action that it records inserts it, with its <see cref="Mac"/>, in the action's
/// own commit; the sealer (<see cref="AuditSealer"/>) then gives it its <see cref="Seq"/>, <see cref="PrevHash"/>
/// and <see cref="Hash"/>, once. Nothing else updates or deletes a row.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    /// <summary>The place in the chain, from 1; null until the row is sealed (milliseconds after its commit).</summary>
    public long? Seq { get; set; }
    public DateTimeOffset Time { get; set; }
    public required string Action { get; set; }
    public required string Outcome { get; set; }
    public string? ActorUserId { get; set; }
    public string? TokenId { get; set; }
    public string? OrgId { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string? Target { get; set; }
    public string? DetailsJson { get; set; }
    public byte[]? PrevHash { get; set; }
    public byte[]? Hash { get; set; }
    /// <summary>The event's nonce and HMAC under a key from the KMS (<c>AuditEventMac</c>); null only for rows written before there were MACs.</summary>
    public byte[]? Mac { get; set; }

    /// <summary>
    /// Not stored: the event's fields as its MAC and hash cover them (<c>AuditChain.EncodeFields</c>), kept from
    /// the MAC's computation, in the request, for the hash, in the writer's serial turn.
    /// </summary>
    internal byte[]? EncodedFields { get; set; }
}
