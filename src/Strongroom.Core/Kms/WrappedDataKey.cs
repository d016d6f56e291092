namespace Strongroom.Core.Kms;

/// <summary>A data key wrapped by a KMS key version.</summary>
/// <param name="KeyVersion">The KMS key version that wrapped it; needed to unwrap it.</param>
/// <param name="Wrapped">The wrapped bytes: nonce || ciphertext || tag (see <see cref="KeyWrapFormat"/>).</param>
public sealed record WrappedDataKey(int KeyVersion, byte[] Wrapped);
