using System.Security.Cryptography;

namespace Strongroom.Kms.Local;

/// <summary>
/// The audit checkpoint key of the <c>local</c> provider: ECDSA P-256, created on first use, loaded once.
/// Its file holds the PKCS#8 sealed with AES-256-GCM under a key derived from the provider's signing key,
/// as data keys are wrapped, so the file alone (a backup, a copied directory listing) signs nothing.
/// A plain PKCS#8 file from before sealing is sealed, and removed, the first time it is loaded.
/// </summary>
internal sealed class LocalCheckpointKey(LocalKeyStore store, Func<byte[], byte[]> deriveKey) : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] WrapLabel = "strongroom-audit-checkpoint-key-wrap-v1"u8.ToArray();
    private static readonly byte[] AssociatedData = "strongroom-audit-checkpoint-v1"u8.ToArray();
    private readonly Lock _gate = new();
    private ECDsa? _key;

    public byte[] ExportPublicKey() => Key().ExportSubjectPublicKeyInfo();

    public byte[] SignDigest(ReadOnlySpan<byte> sha256Digest) =>
        Key().SignHash(sha256Digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key?.Dispose();

    private ECDsa Key()
    {
        lock (_gate)
        {
            return _key ??= LoadOrCreate();
        }
    }

    private ECDsa LoadOrCreate()
    {
        var key = ECDsa.Create();
        var pkcs8 = store.ReadSealedCheckpointKey() is { } sealedKey ? Unseal(sealedKey) : store.ReadPlainCheckpointKey();
        if (pkcs8 is null)
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            pkcs8 = key.ExportPkcs8PrivateKey();
            store.CreateSealedCheckpointKey(Seal(pkcs8));
        }
        else
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            if (store.ReadSealedCheckpointKey() is null)
            {
                store.CreateSealedCheckpointKey(Seal(pkcs8));
                store.DeletePlainCheckpointKey();
            }
        }

        CryptographicOperations.ZeroMemory(pkcs8);
        return key;
    }

    private byte[] Seal(byte[] pkcs8)
    {
        var wrapKey = deriveKey(WrapLabel);
        try
        {
            var sealedKey = new byte[NonceSize + pkcs8.Length + TagSize];
            RandomNumberGenerator.Fill(sealedKey.AsSpan(0, NonceSize));
            using var aes = new AesGcm(wrapKey, TagSize);
            aes.Encrypt(sealedKey.AsSpan(0, NonceSize), pkcs8, sealedKey.AsSpan(NonceSize, pkcs8.Length), sealedKey.AsSpan(NonceSize + pkcs8.Length), AssociatedData);
            return sealedKey;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }

    private byte[] Unseal(byte[] sealedKey)
    {
        if (sealedKey.Length <= NonceSize + TagSize)
        {
            throw new Strongroom.Core.Kms.KmsException("The local KMS audit checkpoint key file is damaged (too short).");
        }

        var wrapKey = deriveKey(WrapLabel);
        try
        {
            var pkcs8 = new byte[sealedKey.Length - NonceSize - TagSize];
            using var aes = new AesGcm(wrapKey, TagSize);
            aes.Decrypt(sealedKey.AsSpan(0, NonceSize), sealedKey.AsSpan(NonceSize, pkcs8.Length), sealedKey.AsSpan(NonceSize + pkcs8.Length), pkcs8, AssociatedData);
            return pkcs8;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new Strongroom.Core.Kms.KmsException("The local KMS audit checkpoint key file does not open under this key directory's signing key.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }
}
