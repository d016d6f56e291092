namespace Strongroom.Core.Secrets;

/// <summary>
/// A secret value sealed by <see cref="SecretSealer"/>: what the database stores for one secret
/// version. None of it is secret on its own.
/// </summary>
/// <param name="Ciphertext">AES-256-GCM output under the data key: nonce (12) || ciphertext || tag (16).</param>
/// <param name="WrappedDataKey">The data key wrapped by the KMS.</param>
/// <param name="KmsKeyVersion">The KMS key version that wrapped the data key.</param>
public sealed record SealedSecret(byte[] Ciphertext, byte[] WrappedDataKey, int KmsKeyVersion);
