using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Strongroom.Core.Kms;

namespace Strongroom.Core.Secrets;

/// <summary>
/// Envelope encryption of Space secret values. Each secret version gets a fresh 256-bit data key;
/// the value is sealed with AES-256-GCM whose associated data binds it to its Space id, key name
/// and secret version; the data key is wrapped by the KMS primary key version. Data keys are zeroed
/// after use. Thread-safe.
/// </summary>
public sealed class SecretSealer
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Context = Encoding.ASCII.GetBytes("strongroom-secret-v1");

    private readonly IKeyEncryptionService _kms;

    /// <summary>Creates a sealer over a KMS provider.</summary>
    public SecretSealer(IKeyEncryptionService kms)
    {
        ArgumentNullException.ThrowIfNull(kms);
        _kms = kms;
    }

    /// <summary>Seals a secret value for one Space, key name and secret version.</summary>
    /// <param name="spaceId">The Space's id.</param>
    /// <param name="keyName">The secret's key name.</param>
    /// <param name="version">The secret's version (not the KMS key version).</param>
    /// <param name="plaintext">The value.</param>
    public SealedSecret Seal(string spaceId, string keyName, int version, ReadOnlySpan<byte> plaintext) =>
        Seal(AssociatedData(spaceId, keyName, version), plaintext);

    /// <summary>A Space's new secret (version 1) as stored, its value sealed for that Space, key and version.</summary>
    /// <param name="spaceId">The Space's id.</param>
    /// <param name="keyName">The secret's key name.</param>
    /// <param name="plaintext">The value (the caller zeroes it).</param>
    /// <param name="description">The secret's description, if any.</param>
    /// <param name="now">When it is stored.</param>
    public SpaceSecret SealNew(string spaceId, string keyName, ReadOnlySpan<byte> plaintext, string? description, DateTimeOffset now)
    {
        var sealedValue = Seal(spaceId, keyName, 1, plaintext);
        return new SpaceSecret
        {
            RepoId = spaceId,
            Key = keyName,
            Description = description,
            Version = 1,
            Ciphertext = sealedValue.Ciphertext,
            WrappedDataKey = sealedValue.WrappedDataKey,
            KmsKeyVersion = sealedValue.KmsKeyVersion,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Seals under caller-made associated data: other sealed records (webhook signing secrets) share the
    /// envelope, and so the rewrap, while binding to their own context label and identity.
    /// </summary>
    internal SealedSecret Seal(byte[] aad, ReadOnlySpan<byte> plaintext)
    {
        Span<byte> dataKey = stackalloc byte[KeyWrapFormat.KeySize];
        try
        {
            RandomNumberGenerator.Fill(dataKey);
            var ciphertext = new byte[NonceSize + plaintext.Length + TagSize];
            var nonce = ciphertext.AsSpan(0, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using (var aes = new AesGcm(dataKey, TagSize))
            {
                aes.Encrypt(
                    nonce,
                    plaintext,
                    ciphertext.AsSpan(NonceSize, plaintext.Length),
                    ciphertext.AsSpan(NonceSize + plaintext.Length),
                    aad);
            }

            var wrapped = _kms.WrapKey(dataKey);
            return new SealedSecret(ciphertext, wrapped.Wrapped, wrapped.KeyVersion);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Opens a sealed value. The caller should zero the returned array once the value is delivered.
    /// </summary>
    /// <exception cref="SecretIntegrityException">
    /// The value was altered or sealed for another Space id, key name or version.
    /// </exception>
    /// <exception cref="KmsKeyStateException">The KMS key version is unknown or retired.</exception>
    public byte[] Open(string spaceId, string keyName, int version, SealedSecret sealedSecret) =>
        Open(AssociatedData(spaceId, keyName, version), sealedSecret);

    /// <summary>Opens what <see cref="Seal(byte[], ReadOnlySpan{byte})"/> sealed under the same associated data.</summary>
    internal byte[] Open(byte[] aad, SealedSecret sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        var ciphertext = sealedSecret.Ciphertext;
        if (ciphertext is null || ciphertext.Length < NonceSize + TagSize)
        {
            throw new SecretIntegrityException("The sealed secret is truncated.");
        }

        Span<byte> dataKey = stackalloc byte[KeyWrapFormat.KeySize];
        try
        {
            UnwrapInto(sealedSecret, dataKey);
            var plaintext = new byte[ciphertext.Length - NonceSize - TagSize];
            using var aes = new AesGcm(dataKey, TagSize);
            try
            {
                aes.Decrypt(
                    ciphertext.AsSpan(0, NonceSize),
                    ciphertext.AsSpan(NonceSize, plaintext.Length),
                    ciphertext.AsSpan(NonceSize + plaintext.Length),
                    plaintext,
                    aad);
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new SecretIntegrityException(
                    "The sealed secret does not authenticate for what it is bound to (Space id, key name and version, or webhook id).", ex);
            }

            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Re-wraps the data key under the KMS primary version without opening the value: the
    /// ciphertext is unchanged. Returns the input itself when it is already under the primary version.
    /// </summary>
    /// <exception cref="SecretIntegrityException">The wrapped data key was altered.</exception>
    public SealedSecret Rewrap(SealedSecret sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        var primary = _kms.PrimaryVersion;
        if (sealedSecret.KmsKeyVersion == primary)
        {
            return sealedSecret;
        }

        Span<byte> dataKey = stackalloc byte[KeyWrapFormat.KeySize];
        try
        {
            UnwrapInto(sealedSecret, dataKey);
            var wrapped = _kms.WrapKey(dataKey, primary);
            return sealedSecret with { WrappedDataKey = wrapped.Wrapped, KmsKeyVersion = wrapped.KeyVersion };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// The associated data: a context label, then Space id and key name as UTF-8 each preceded by
    /// its 4-byte big-endian length, then the version as 4 bytes big-endian. Length prefixes make
    /// the encoding unambiguous (("ab", "c") and ("a", "bc") differ).
    /// </summary>
    internal static byte[] AssociatedData(string spaceId, string keyName, int version)
    {
        ArgumentException.ThrowIfNullOrEmpty(spaceId);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentOutOfRangeException.ThrowIfNegative(version);

        var spaceLength = Encoding.UTF8.GetByteCount(spaceId);
        var nameLength = Encoding.UTF8.GetByteCount(keyName);
        var aad = new byte[Context.Length + 4 + spaceLength + 4 + nameLength + 4];
        var span = aad.AsSpan();
        Context.CopyTo(span);
        span = span[Context.Length..];
        BinaryPrimitives.WriteInt32BigEndian(span, spaceLength);
        span = span[(4 + Encoding.UTF8.GetBytes(spaceId, span[4..]))..];
        BinaryPrimitives.WriteInt32BigEndian(span, nameLength);
        span = span[(4 + Encoding.UTF8.GetBytes(keyName, span[4..]))..];
        BinaryPrimitives.WriteInt32BigEndian(span, version);
        return aad;
    }

    private void UnwrapInto(SealedSecret sealedSecret, Span<byte> dataKey)
    {
        if (sealedSecret.WrappedDataKey is null)
        {
            throw new SecretIntegrityException("The sealed secret has no wrapped data key.");
        }

        try
        {
            _kms.UnwrapKey(sealedSecret.KmsKeyVersion, sealedSecret.WrappedDataKey, dataKey);
        }
        catch (KmsUnwrapException ex)
        {
            throw new SecretIntegrityException("The sealed secret's wrapped data key does not authenticate.", ex);
        }
    }
}
