using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Net.Pkcs11Interop.HighLevelAPI.Factories;

namespace Strongroom.Kms.Pkcs11;

/// <summary>
/// The audit checkpoint key of the <c>pkcs11</c> provider: an ECDSA P-256 key pair generated inside the
/// token (<c>CKM_EC_KEY_PAIR_GEN</c>), the private half non-extractable, signing with <c>CKM_ECDSA</c>.
/// Found by label on later starts; only the public point is read out.
/// </summary>
internal sealed class Pkcs11CheckpointKey(Pkcs11SessionPool pool, Pkcs11Module module, string keyLabel)
{
    /// <summary>DER of the P-256 curve's object identifier (1.2.840.10045.3.1.7), the <c>CKA_EC_PARAMS</c> value.</summary>
    private static readonly byte[] P256Oid = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    private (IObjectHandle Private, byte[] PublicKey)? _key;

    private string Label => keyLabel + "-audit-ecdsa";

    private static IObjectAttributeFactory Attributes => Pkcs11Module.Factories.ObjectAttributeFactory;

    public byte[] ExportPublicKey() => Key().PublicKey;

    public byte[] SignDigest(ReadOnlySpan<byte> sha256Digest)
    {
        var digest = sha256Digest.ToArray();
        try
        {
            return Sign(Key().Private, digest);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_OBJECT_HANDLE_INVALID)
        {
            lock (module.ObjectMutationGate)
            {
                _key = null; // a stale handle (the token re-indexed its objects): look the key up again, once
            }

            return Sign(Key().Private, digest);
        }
    }

    private byte[] Sign(IObjectHandle key, byte[] digest)
    {
        using var mechanism = Pkcs11Module.Factories.MechanismFactory.Create(CKM.CKM_ECDSA);
        return pool.Run(s => s.Sign(mechanism, key, digest));
    }

    private (IObjectHandle Private, byte[] PublicKey) Key()
    {
        lock (module.ObjectMutationGate)
        {
            return _key ??= pool.Run(FindOrCreate);
        }
    }

    private (IObjectHandle, byte[]) FindOrCreate(ISession session)
    {
        var privateKeys = session.FindAllObjects([Attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), Attributes.Create(CKA.CKA_LABEL, Label)]);
        var publicKeys = session.FindAllObjects([Attributes.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY), Attributes.Create(CKA.CKA_LABEL, Label)]);
        if (privateKeys.Count > 0 && publicKeys.Count > 0)
        {
            return (privateKeys[0], PublicKeyInfo(session, publicKeys[0]));
        }

        using var mechanism = Pkcs11Module.Factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN);
        session.GenerateKeyPair(mechanism, PublicTemplate(), PrivateTemplate(), out var publicKey, out var privateKey);
        return (privateKey, PublicKeyInfo(session, publicKey));
    }

    private List<IObjectAttribute> PublicTemplate() =>
    [
        Attributes.Create(CKA.CKA_TOKEN, true),
        Attributes.Create(CKA.CKA_LABEL, Label),
        Attributes.Create(CKA.CKA_EC_PARAMS, P256Oid),
        Attributes.Create(CKA.CKA_VERIFY, true),
    ];

    private List<IObjectAttribute> PrivateTemplate() =>
    [
        Attributes.Create(CKA.CKA_TOKEN, true),
        Attributes.Create(CKA.CKA_LABEL, Label),
        Attributes.Create(CKA.CKA_PRIVATE, true),
        Attributes.Create(CKA.CKA_SENSITIVE, true),
        Attributes.Create(CKA.CKA_EXTRACTABLE, false),
        Attributes.Create(CKA.CKA_SIGN, true),
    ];

    /// <summary>SubjectPublicKeyInfo from the token's <c>CKA_EC_POINT</c> (a DER OCTET STRING around <c>04 ‖ X ‖ Y</c>).</summary>
    private static byte[] PublicKeyInfo(ISession session, IObjectHandle publicKey)
    {
        var point = session.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray();
        if (point.Length == 67 && point[0] == 0x04 && point[1] == 65)
        {
            point = point[2..];
        }

        if (point.Length != 65 || point[0] != 0x04)
        {
            throw new CryptographicException("The token's checkpoint key is not an uncompressed P-256 point.");
        }

        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        return key.ExportSubjectPublicKeyInfo();
    }
}
