namespace Strongroom.Core.Kms;

/// <summary>
/// A key-encryption service (KMS): holds versioned key-encryption keys (KEKs) that never leave it,
/// and wraps and unwraps 256-bit data keys under them. It also holds one signing key for small data
/// such as audit checkpoints.
/// </summary>
/// <remarks>
/// Versions are integers starting at 1. Exactly one version is <see cref="KmsKeyState.Primary"/>;
/// new data keys are wrapped under it. Older versions stay <see cref="KmsKeyState.Active"/> (unwrap
/// only) until retired. Implementations are thread-safe. The wrapped form of a data key is
/// <c>nonce (12) || ciphertext (32) || tag (16)</c> from AES-256-GCM with associated data
/// <c>strongroom-kek-v{version}</c> (see <see cref="KeyWrapFormat"/>), whatever the provider.
/// </remarks>
public interface IKeyEncryptionService
{
    /// <summary>The provider name as configured in <c>Kms:Provider</c>: <c>local</c> or <c>pkcs11</c>.</summary>
    string ProviderName { get; }

    /// <summary>The version that <see cref="WrapKey"/> uses when no version is given.</summary>
    int PrimaryVersion { get; }

    /// <summary>Lists every key version with its state, in ascending version order.</summary>
    IReadOnlyList<KmsKeyVersionInfo> ListVersions();

    /// <summary>
    /// Creates a new key version and makes it primary. Crash-safe: the new key is durable before it
    /// is named primary, and no existing version is changed.
    /// </summary>
    /// <returns>The new primary version.</returns>
    KmsKeyVersionInfo Rotate();

    /// <summary>
    /// Retires a version: it can no longer wrap or unwrap. Refuses the primary version. Checking that
    /// no data key is still wrapped under the version is the caller's job (rewrap first).
    /// </summary>
    /// <exception cref="KmsKeyStateException">The version is unknown or primary.</exception>
    void Retire(int version);

    /// <summary>Wraps a 256-bit data key under <paramref name="version"/>, or the primary version when null.</summary>
    /// <exception cref="KmsKeyStateException">The version is unknown or retired.</exception>
    WrappedDataKey WrapKey(ReadOnlySpan<byte> dataKey, int? version = null);

    /// <summary>Unwraps a data key into <paramref name="dataKey"/> (32 bytes); the caller zeroes it after use.</summary>
    /// <exception cref="KmsKeyStateException">The version is unknown or retired.</exception>
    /// <exception cref="KmsUnwrapException">The wrapped bytes are not authentic under that version.</exception>
    void UnwrapKey(int version, ReadOnlySpan<byte> wrappedKey, Span<byte> dataKey);

    /// <summary>Signs <paramref name="data"/> with HMAC-SHA256 under the KMS-held signing key (32-byte result).</summary>
    byte[] Sign(ReadOnlySpan<byte> data);

    /// <summary>Verifies a signature made by <see cref="Sign"/>, in constant time.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>
    /// The public half of the audit checkpoint key (ECDSA P-256) as SubjectPublicKeyInfo (DER), so anyone
    /// can verify checkpoints offline. The key is created on first use; its private half never leaves the KMS.
    /// </summary>
    byte[] ExportCheckpointPublicKey();

    /// <summary>Signs a SHA-256 digest with the checkpoint key: ECDSA P-256, IEEE P1363 <c>r ‖ s</c> (64 bytes).</summary>
    byte[] SignCheckpoint(ReadOnlySpan<byte> sha256Digest);
}
