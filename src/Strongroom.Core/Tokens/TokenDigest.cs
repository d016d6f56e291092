using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Strongroom.Core.Tokens;

/// <summary>
/// SHA-256 of a token as a value, computed on the stack: the key of the verification cache, so that a
/// cache hit allocates nothing.
/// </summary>
public readonly record struct TokenDigest(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>The longest token hashed without allocating (a prefix of 8 letters makes 48 characters).</summary>
    private const int MaxStackLength = 256;

    /// <summary>The digest of 32 bytes of SHA-256.</summary>
    public static TokenDigest From(ReadOnlySpan<byte> sha256) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(sha256),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[24..]));

    /// <summary>SHA-256 of an ASCII token, the same bytes as <see cref="TokenFormat.Hash"/>.</summary>
    public static TokenDigest Of(ReadOnlySpan<char> token)
    {
        if (token.Length > MaxStackLength)
        {
            return From(TokenFormat.Hash(token.ToString()));
        }

        Span<byte> ascii = stackalloc byte[MaxStackLength];
        var length = Encoding.ASCII.GetBytes(token, ascii);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(ascii[..length], hash);
        return From(hash);
    }
}
