using System.Security.Cryptography;

namespace Strongroom.Kms.Local;

/// <summary>
/// The audit checkpoint key of the <c>local</c> provider: ECDSA P-256, kept as PKCS#8 in a 0600 file of
/// the key directory beside the key-encryption keys, created on first use, loaded once.
/// </summary>
internal sealed class LocalCheckpointKey(LocalKeyStore store) : IDisposable
{
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
        var pkcs8 = store.ReadCheckpointKey();
        if (pkcs8 is null)
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            pkcs8 = key.ExportPkcs8PrivateKey();
            store.CreateCheckpointKey(pkcs8);
        }
        else
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
        }

        CryptographicOperations.ZeroMemory(pkcs8);
        return key;
    }
}
