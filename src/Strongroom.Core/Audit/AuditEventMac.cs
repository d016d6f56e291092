using System.Buffers.Binary;
using System.Security.Cryptography;
using Strongroom.Core.Kms;

namespace Strongroom.Core.Audit;

/// <summary>
/// Each event's keyed MAC, written with the event in the action's own commit. The chain's hashes are
/// public arithmetic: someone who can write to the database can append an event after the last checkpoint
/// with a correct hash, or rewrite the tail, and the chain alone cannot tell. The MAC's key comes from the
/// KMS, so the sealer refuses, and verification names, any event it does not fit.
/// </summary>
/// <remarks>
/// <para>
/// A MAC is a random 16-byte nonce followed by HMAC-SHA256(key, tag ‖ nonce ‖ the event's fields). The
/// nonce makes every event's MAC unique, even two events alike to the millisecond: a copy of a genuine row
/// carries the MAC of the row it copies, and verification names the second one holding it. MACs from before
/// nonces (32 bytes, the bare HMAC) still verify; copies of those cannot be told from their originals.
/// </para>
/// <para>
/// The key is derived once from the KMS's signing key (HMAC of a fixed label, a PRF output), and held in
/// memory as unwrapped data keys are while in use: a call into a PKCS#11 token per event would cost more
/// than the event, and verifying a million events would take minutes.
/// </para>
/// </remarks>
public sealed class AuditEventMac(IKeyEncryptionService kms)
{
    public const int NonceSize = 16;

    /// <summary>A MAC as written now: nonce and HMAC.</summary>
    public const int Size = NonceSize + HMACSHA256.HashSizeInBytes;

    private readonly Lazy<byte[]> _key = new(() => kms.Sign("strongroom-audit-event-mac-key-v1"u8));

    public byte[] Compute(AuditEntry entry) => Compute(AuditChain.EncodeFields(entry));

    /// <summary>The MAC of an event whose fields are already encoded (<see cref="AuditChain.EncodeFields"/>).</summary>
    public byte[] Compute(ReadOnlySpan<byte> fields)
    {
        var mac = new byte[Size];
        var nonce = mac.AsSpan(0, NonceSize);
        ThreadHashes.FillNonce(nonce);
        ThreadHashes.HmacSha256(_key.Value, AuditChain.MacInputSpan(fields, nonce), mac.AsSpan(NonceSize));
        return mac;
    }

    /// <summary>Whether <paramref name="mac"/> is the event's; allocates nothing (verify checks a million of them).</summary>
    public bool IsValid(AuditEntry entry, ReadOnlySpan<byte> mac)
    {
        if (mac.Length is not (Size or HMACSHA256.HashSizeInBytes))
        {
            return false;
        }

        var nonce = mac.Length == Size ? mac[..NonceSize] : default;
        var tag = mac[nonce.Length..];
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ThreadHashes.HmacSha256(_key.Value, AuditChain.MacInputSpan(entry, nonce), expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }

    /// <summary>The MAC's nonce, or null for a MAC from before nonces.</summary>
    public static UInt128? Nonce(ReadOnlySpan<byte> mac) =>
        mac.Length == Size ? BinaryPrimitives.ReadUInt128BigEndian(mac[..NonceSize]) : null;
}
