using System.Security.Cryptography;
using Strongroom.Core.Kms;

namespace Strongroom.Core.Audit;

/// <summary>
/// Each event's HMAC-SHA256, written with the event in the action's own commit. The chain's hashes are
/// public arithmetic: someone who can write to the database can append an event after the last checkpoint
/// with a correct hash, or rewrite the tail, and the chain alone cannot tell. The MAC's key comes from the
/// KMS, so the sealer refuses, and verification names, any event it does not fit.
/// </summary>
/// <remarks>
/// The key is derived once from the KMS's signing key (HMAC of a fixed label, a PRF output), and held in
/// memory as unwrapped data keys are while in use: a call into a PKCS#11 token per event would cost more
/// than the event, and verifying a million events would take minutes.
/// </remarks>
public sealed class AuditEventMac(IKeyEncryptionService kms)
{
    private readonly Lazy<byte[]> _key = new(() => kms.Sign("strongroom-audit-event-mac-key-v1"u8));

    public byte[] Compute(AuditEntry entry) => HMACSHA256.HashData(_key.Value, AuditChain.MacInputSpan(entry));

    /// <summary>Whether <paramref name="mac"/> is the event's; allocates nothing (verify checks a million of them).</summary>
    public bool IsValid(AuditEntry entry, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key.Value, AuditChain.MacInputSpan(entry), expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }
}
