using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Strongroom.Core.Audit;

/// <summary>
/// A signed statement of the chain's head: after <see cref="Size"/> events the hash was
/// <see cref="HeadHash"/>. Each checkpoint signs the previous checkpoint's signature too, so checkpoints
/// form a chain of their own and none can be dropped or reordered unnoticed.
/// </summary>
public sealed record AuditCheckpoint
{
    public required long Size { get; init; }
    public required byte[] HeadHash { get; init; }
    public required DateTimeOffset Time { get; init; }
    /// <summary>The previous checkpoint's signature; empty for the first.</summary>
    public required byte[] PrevSignature { get; init; }
    /// <summary>ECDSA P-256 over <see cref="Digest"/>, IEEE P1363 (<c>r ‖ s</c>, 64 bytes).</summary>
    public required byte[] Signature { get; init; }

    private static ReadOnlySpan<byte> Tag => "strongroom-audit-checkpoint-v1"u8;

    /// <summary>The SHA-256 that is signed: tag, size, head hash, time (UTC ticks), previous signature.</summary>
    public static byte[] Digest(long size, ReadOnlySpan<byte> headHash, DateTimeOffset time, ReadOnlySpan<byte> prevSignature)
    {
        var bytes = new byte[Tag.Length + 8 + 8 + 4 + headHash.Length + 4 + prevSignature.Length];
        var span = bytes.AsSpan();
        Tag.CopyTo(span);
        span = span[Tag.Length..];
        BinaryPrimitives.WriteInt64BigEndian(span, size);
        BinaryPrimitives.WriteInt64BigEndian(span[8..], time.UtcTicks);
        BinaryPrimitives.WriteInt32BigEndian(span[16..], headHash.Length);
        headHash.CopyTo(span[20..]);
        span = span[(20 + headHash.Length)..];
        BinaryPrimitives.WriteInt32BigEndian(span, prevSignature.Length);
        prevSignature.CopyTo(span[4..]);
        return SHA256.HashData(bytes);
    }

    /// <summary>True when the signature is the holder of <paramref name="publicKey"/>'s, over this checkpoint.</summary>
    public bool IsSignedBy(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return publicKey.VerifyHash(Digest(Size, HeadHash, Time, PrevSignature), Signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
