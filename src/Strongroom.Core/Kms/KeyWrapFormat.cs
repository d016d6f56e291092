using System.Globalization;
using System.Text;

namespace Strongroom.Core.Kms;

/// <summary>
/// The wrapped-data-key format shared by every provider, so a wrapped key says nothing about where
/// its key-encryption key lives: AES-256-GCM, a random 96-bit nonce, a 128-bit tag, and associated
/// data <c>strongroom-kek-v{version}</c>, laid out as <c>nonce || ciphertext || tag</c>.
/// </summary>
/// <remarks>
/// The version in the associated data means a wrapped key relabelled with another version fails to
/// unwrap even if both versions were somehow the same key.
/// </remarks>
public static class KeyWrapFormat
{
    /// <summary>Size of a data key and of a key-encryption key: 256 bits.</summary>
    public const int KeySize = 32;

    /// <summary>Size of the AES-GCM nonce: 96 bits.</summary>
    public const int NonceSize = 12;

    /// <summary>Size of the AES-GCM tag: 128 bits.</summary>
    public const int TagSize = 16;

    /// <summary>Size of a wrapped data key.</summary>
    public const int WrappedSize = NonceSize + KeySize + TagSize;

    /// <summary>The associated data that binds a wrapped key to its KMS key version.</summary>
    public static byte[] AssociatedData(int version) =>
        Encoding.ASCII.GetBytes("strongroom-kek-v" + version.ToString(CultureInfo.InvariantCulture));

    /// <summary>Throws unless <paramref name="dataKey"/> is exactly 256 bits.</summary>
    public static void EnsureDataKeySize(ReadOnlySpan<byte> dataKey, string paramName)
    {
        if (dataKey.Length != KeySize)
        {
            throw new ArgumentException($"A data key must be {KeySize} bytes.", paramName);
        }
    }

    /// <summary>Throws unless a version number is at least 1.</summary>
    public static void EnsureVersion(int version, string paramName)
    {
        if (version < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, version, "KMS key versions start at 1.");
        }
    }

    /// <summary>Throws a <see cref="KmsUnwrapException"/> unless the wrapped bytes have the right length.</summary>
    public static void EnsureWrappedSize(ReadOnlySpan<byte> wrappedKey, int version)
    {
        if (wrappedKey.Length != WrappedSize)
        {
            throw new KmsUnwrapException(
                $"A wrapped data key must be {WrappedSize} bytes; got {wrappedKey.Length} for key version {version}.");
        }
    }
}
