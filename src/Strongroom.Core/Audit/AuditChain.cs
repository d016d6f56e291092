using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Strongroom.Core.Audit;

/// <summary>
/// The chain's hash: <c>SHA-256(previous hash ‖ canonical bytes of the event)</c>. The canonical bytes
/// are a version tag, the sequence number and the time (big-endian UTC ticks),
/// then each text field as a big-endian 32-bit UTF-8 length (-1 for null) and its bytes, in a fixed
/// order. Length prefixes keep two different events from ever encoding alike.
/// </summary>
public static class AuditChain
{
    /// <summary>
    /// The action of the event a sealer writes when an event committed on its node is gone before it could be
    /// chained (deleted in its moments before sealing): verification reports <c>deleted</c> at its place.
    /// </summary>
    public const string EventDeletedAction = "audit.event.deleted";

    /// <summary>The previous hash of the first event.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[32];

    private static ReadOnlySpan<byte> Tag => "strongroom-audit-v1"u8;

    private static ReadOnlySpan<byte> MacTag => "strongroom-audit-mac-v1"u8;

    private static ReadOnlySpan<byte> NoncedMacTag => "strongroom-audit-mac-v2"u8;

    /// <summary>
    /// The time as the chain keeps it: UTC, truncated to whole milliseconds, which both databases store
    /// exactly (SQLite's binary instants keep 0.1 ms, PostgreSQL 1 µs), so a stored event hashes as written.
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>The hash <paramref name="entry"/> should carry after <paramref name="prevHash"/> (its own hash fields are ignored).</summary>
    public static byte[] ComputeHash(ReadOnlySpan<byte> prevHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // One buffer per thread: verifying a million events should cost hashing, not allocation.
        var buffer = Buffer();
        buffer.Write(prevHash);
        buffer.Write(Tag);
        WriteInt64(buffer, entry.Seq);
        WriteFields(buffer, entry);
        return ThreadHashes.Sha256(buffer.WrittenSpan);
    }

    /// <summary>
    /// The same hash from the event's fields already encoded (<see cref="EncodeFields"/>): the chain's one writer
    /// hashes each event in its serial turn, and the encoding, made in the request, is most of the work.
    /// </summary>
    public static byte[] ComputeHash(ReadOnlySpan<byte> prevHash, long seq, ReadOnlySpan<byte> fields)
    {
        var buffer = Buffer();
        buffer.Write(prevHash);
        buffer.Write(Tag);
        WriteInt64(buffer, seq);
        buffer.Write(fields);
        return ThreadHashes.Sha256(buffer.WrittenSpan);
    }

    /// <summary>
    /// The event's fields as the hash and the MAC both cover them (everything but its place in the chain), so
    /// that an event written once is encoded once.
    /// </summary>
    public static byte[] EncodeFields(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = Buffer();
        WriteFields(buffer, entry);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// What an event's keyed MAC covers (see <see cref="AuditEventMac"/>): the same fields as the hash, under
    /// a tag of its own, without the place in the chain, which is given only when the event is sealed. In this
    /// thread's buffer, valid until the thread's next call here or to <see cref="ComputeHash(ReadOnlySpan{byte}, AuditEntry)"/>.
    /// </summary>
    /// <remarks>With a <paramref name="nonce"/> (every event written since MACs carry one), the nonce follows the tag.</remarks>
    internal static ReadOnlySpan<byte> MacInputSpan(AuditEntry entry, ReadOnlySpan<byte> nonce = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = MacPrefix(nonce);
        WriteFields(buffer, entry);
        return buffer.WrittenSpan;
    }

    /// <summary>The same, from the fields already encoded (<see cref="EncodeFields"/>).</summary>
    internal static ReadOnlySpan<byte> MacInputSpan(ReadOnlySpan<byte> fields, ReadOnlySpan<byte> nonce)
    {
        var buffer = MacPrefix(nonce);
        buffer.Write(fields);
        return buffer.WrittenSpan;
    }

    private static ArrayBufferWriter<byte> MacPrefix(ReadOnlySpan<byte> nonce)
    {
        var buffer = Buffer();
        buffer.Write(nonce.IsEmpty ? MacTag : NoncedMacTag);
        buffer.Write(nonce);
        return buffer;
    }

    private static ArrayBufferWriter<byte> Buffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        return buffer;
    }

    private static void WriteFields(ArrayBufferWriter<byte> buffer, AuditEntry entry)
    {
        WriteInt64(buffer, entry.Time.UtcTicks);
        WriteText(buffer, entry.Action);
        WriteText(buffer, entry.Outcome);
        WriteText(buffer, entry.ActorUserId);
        WriteText(buffer, entry.TokenId);
        WriteText(buffer, entry.OrgId);
        WriteText(buffer, entry.Ip);
        WriteText(buffer, entry.UserAgent);
        WriteText(buffer, entry.Target);
        WriteText(buffer, entry.DetailsJson);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string? text)
    {
        var length = text is null ? -1 : Encoding.UTF8.GetByteCount(text);
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), length);
        buffer.Advance(4);
        if (length > 0)
        {
            buffer.Advance(Encoding.UTF8.GetBytes(text, buffer.GetSpan(length)));
        }
    }
}
