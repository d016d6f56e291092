using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Net.Pkcs11Interop.HighLevelAPI.Factories;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Pkcs11;

/// <summary>The PKCS#11 calls of the provider: key generation templates, AES-GCM and HMAC.</summary>
internal sealed class Pkcs11TokenOperations
{
    private const ulong IvBits = 96;
    private const ulong TagBits = 128;

    private readonly string _keyLabel;

    public Pkcs11TokenOperations(string keyLabel)
    {
        _keyLabel = keyLabel;
    }

    public string SigningKeyLabel => _keyLabel + "-hmac";

    private static IObjectAttributeFactory Attributes => Pkcs11Module.Factories.ObjectAttributeFactory;

    private static IMechanismFactory Mechanisms => Pkcs11Module.Factories.MechanismFactory;

    /// <summary>Generates an AES-256 key-encryption key that can only encrypt and decrypt inside the token.</summary>
    public IObjectHandle GenerateKek(ISession session, int version)
    {
        var label = Pkcs11Keyring.VersionLabel(_keyLabel, version);
        var template = new List<IObjectAttribute>
        {
            Attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            Attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
            Attributes.Create(CKA.CKA_VALUE_LEN, (ulong)32),
            Attributes.Create(CKA.CKA_LABEL, label),
            Attributes.Create(CKA.CKA_ID, System.Text.Encoding.UTF8.GetBytes(label)),
            Attributes.Create(CKA.CKA_TOKEN, true),
            Attributes.Create(CKA.CKA_PRIVATE, true),
            Attributes.Create(CKA.CKA_SENSITIVE, true),
            Attributes.Create(CKA.CKA_EXTRACTABLE, false),
            Attributes.Create(CKA.CKA_MODIFIABLE, true),
            Attributes.Create(CKA.CKA_ENCRYPT, true),
            Attributes.Create(CKA.CKA_DECRYPT, true),
            Attributes.Create(CKA.CKA_WRAP, false),
            Attributes.Create(CKA.CKA_UNWRAP, false),
            Attributes.Create(CKA.CKA_SIGN, false),
            Attributes.Create(CKA.CKA_VERIFY, false),
            Attributes.Create(CKA.CKA_DERIVE, false),
        };
        using var mechanism = Mechanisms.Create(CKM.CKM_AES_KEY_GEN);
        return session.GenerateKey(mechanism, template);
    }

    /// <summary>Retires a key: the token refuses to encrypt or decrypt with it from now on.</summary>
    public bool DisableKek(ISession session, IReadOnlyList<IObjectHandle> handles)
    {
        foreach (var handle in handles)
        {
            session.SetAttributeValue(handle, [Attributes.Create(CKA.CKA_ENCRYPT, false), Attributes.Create(CKA.CKA_DECRYPT, false)]);
        }

        return true;
    }

    /// <summary>Finds the HMAC-SHA256 signing key, generating it in the token on first use.</summary>
    public IObjectHandle FindOrCreateSigningKey(ISession session)
    {
        var search = new List<IObjectAttribute>
        {
            Attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            Attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET),
            Attributes.Create(CKA.CKA_LABEL, SigningKeyLabel),
        };
        var found = session.FindAllObjects(search);
        if (found.Count > 0)
        {
            return found[0];
        }

        var template = new List<IObjectAttribute>
        {
            Attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            Attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET),
            Attributes.Create(CKA.CKA_VALUE_LEN, (ulong)32),
            Attributes.Create(CKA.CKA_LABEL, SigningKeyLabel),
            Attributes.Create(CKA.CKA_TOKEN, true),
            Attributes.Create(CKA.CKA_PRIVATE, true),
            Attributes.Create(CKA.CKA_SENSITIVE, true),
            Attributes.Create(CKA.CKA_EXTRACTABLE, false),
            Attributes.Create(CKA.CKA_SIGN, true),
            Attributes.Create(CKA.CKA_VERIFY, true),
            Attributes.Create(CKA.CKA_ENCRYPT, false),
            Attributes.Create(CKA.CKA_DECRYPT, false),
            Attributes.Create(CKA.CKA_DERIVE, false),
        };
        using var mechanism = Mechanisms.Create(CKM.CKM_GENERIC_SECRET_KEY_GEN);
        return session.GenerateKey(mechanism, template);
    }

    /// <summary>AES-GCM encryption in the token; returns ciphertext || tag.</summary>
    public static byte[] GcmEncrypt(ISession session, IObjectHandle key, byte[] nonce, byte[] aad, byte[] plaintext)
    {
        using var parameters = Pkcs11Module.Factories.MechanismParamsFactory.CreateCkGcmParams(nonce, IvBits, aad, TagBits);
        using var mechanism = Mechanisms.Create(CKM.CKM_AES_GCM, parameters);
        return session.Encrypt(mechanism, key, plaintext);
    }

    /// <summary>AES-GCM decryption in the token of ciphertext || tag; fails on a bad tag.</summary>
    public static byte[] GcmDecrypt(ISession session, IObjectHandle key, byte[] nonce, byte[] aad, byte[] sealedData)
    {
        using var parameters = Pkcs11Module.Factories.MechanismParamsFactory.CreateCkGcmParams(nonce, IvBits, aad, TagBits);
        using var mechanism = Mechanisms.Create(CKM.CKM_AES_GCM, parameters);
        return session.Decrypt(mechanism, key, sealedData);
    }

    /// <summary>
    /// Decrypts with each object of the version (normally one) until a tag verifies; the result is
    /// the data key, which the caller zeroes.
    /// </summary>
    public static byte[] DecryptWithAny(Pkcs11SessionPool pool, Pkcs11KeyVersion entry, byte[] nonce, byte[] aad, byte[] sealedKey)
    {
        Pkcs11Exception? last = null;
        foreach (var handle in entry.Handles)
        {
            try
            {
                var plain = pool.Run(s => GcmDecrypt(s, handle, nonce, aad, sealedKey));
                if (plain.Length == KeyWrapFormat.KeySize)
                {
                    return plain;
                }

                CryptographicOperations.ZeroMemory(plain);
            }
            catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_KEY_FUNCTION_NOT_PERMITTED)
            {
                throw new KmsKeyStateException($"KMS key version {entry.Version} is retired.", ex);
            }
            catch (Pkcs11Exception ex) when (IsAuthenticationFailure(ex.RV))
            {
                last = ex;
            }
        }

        var message = $"The wrapped data key does not authenticate under KMS key version {entry.Version}.";
        throw last is null ? new KmsUnwrapException(message) : new KmsUnwrapException(message, last);
    }

    public static byte[] HmacSign(ISession session, IObjectHandle key, byte[] data)
    {
        using var mechanism = Mechanisms.Create(CKM.CKM_SHA256_HMAC);
        return session.Sign(mechanism, key, data);
    }

    public static bool HmacVerify(ISession session, IObjectHandle key, byte[] data, byte[] signature)
    {
        using var mechanism = Mechanisms.Create(CKM.CKM_SHA256_HMAC);
        try
        {
            session.Verify(mechanism, key, data, signature, out var valid);
            return valid;
        }
        catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_SIGNATURE_INVALID or CKR.CKR_SIGNATURE_LEN_RANGE)
        {
            return false;
        }
    }

    /// <summary>Return values by which tokens report a GCM tag mismatch or malformed input.</summary>
    public static bool IsAuthenticationFailure(CKR rv) =>
        rv is CKR.CKR_ENCRYPTED_DATA_INVALID or CKR.CKR_ENCRYPTED_DATA_LEN_RANGE or CKR.CKR_GENERAL_ERROR
            or CKR.CKR_FUNCTION_FAILED or CKR.CKR_DATA_INVALID;
}
