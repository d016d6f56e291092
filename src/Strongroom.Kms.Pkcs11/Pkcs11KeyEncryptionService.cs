using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Pkcs11;

/// <summary>
/// The <c>pkcs11</c> KMS provider: key-encryption keys are AES-256 keys generated inside the token
/// (CKA_TOKEN, CKA_SENSITIVE, not extractable) and labelled <c>{KeyLabel}-v{n}</c>; data keys are
/// wrapped and unwrapped by CKM_AES_GCM encrypt/decrypt inside the token, in the same format as the
/// local provider (<see cref="KeyWrapFormat"/>). The signing key is a generic secret labelled
/// <c>{KeyLabel}-hmac</c> used with CKM_SHA256_HMAC. Key material never leaves the token.
/// </summary>
public sealed class Pkcs11KeyEncryptionService : IKeyEncryptionService, IDisposable
{
    /// <summary>The provider name, <c>pkcs11</c>.</summary>
    public const string Name = "pkcs11";

    private readonly string _keyLabel;
    private readonly Pkcs11Module _module;
    private readonly Pkcs11SessionPool _pool;
    private readonly Pkcs11TokenOperations _keys;
    private volatile IObjectHandle _signingKey;
    private readonly Pkcs11CheckpointKey _checkpointKey;
    private volatile Pkcs11Keyring _keyring;
    private int _disposed;

    /// <summary>Loads the module, finds the token by label, logs in, and creates version 1 if the token has none.</summary>
    public Pkcs11KeyEncryptionService(KmsPkcs11Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModulePath, "Kms:Pkcs11:ModulePath");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TokenLabel, "Kms:Pkcs11:TokenLabel");
        ArgumentException.ThrowIfNullOrEmpty(options.Pin, "Kms:Pkcs11:Pin");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.KeyLabel, "Kms:Pkcs11:KeyLabel");
        _keyLabel = options.KeyLabel;
        _module = Pkcs11Module.Acquire(options.ModulePath);
        try
        {
            var slot = _module.FindSlot(options.TokenLabel);
            if (!slot.GetMechanismList().Contains(CKM.CKM_AES_GCM))
            {
                throw new KmsException($"The PKCS#11 token '{options.TokenLabel}' does not offer CKM_AES_GCM.");
            }

            _pool = new Pkcs11SessionPool(slot, options.Pin);
            _keys = new Pkcs11TokenOperations(_keyLabel);
            _checkpointKey = new Pkcs11CheckpointKey(_pool, _module, _keyLabel);
            lock (_module.ObjectMutationGate)
            {
                var keyring = _pool.Run(s => Pkcs11Keyring.Scan(s, _keyLabel));
                if (keyring.Primary == 0)
                {
                    _pool.Run(s => _keys.GenerateKek(s, keyring.Highest + 1));
                    keyring = _pool.Run(s => Pkcs11Keyring.Scan(s, _keyLabel));
                }

                _keyring = keyring;
                _signingKey = _pool.Run(_keys.FindOrCreateSigningKey);
            }
        }
        catch (Pkcs11Exception ex)
        {
            _pool?.Dispose();
            _module.Release();
            throw new KmsException($"Opening PKCS#11 token '{options.TokenLabel}' failed ({ex.RV}).", ex);
        }
        catch
        {
            _pool?.Dispose();
            _module.Release();
            throw;
        }
    }

    /// <inheritdoc />
    public string ProviderName => Name;

    /// <inheritdoc />
    public int PrimaryVersion => _keyring.Primary;

    /// <inheritdoc />
    public IReadOnlyList<KmsKeyVersionInfo> ListVersions()
    {
        var keyring = Rescan();
        return [.. keyring.Versions.Values
            .OrderBy(v => v.Version)
            .Select(v => new KmsKeyVersionInfo(
                v.Version,
                v.Retired ? KmsKeyState.Retired : v.Version == keyring.Primary ? KmsKeyState.Primary : KmsKeyState.Active,
                null))];
    }

    /// <inheritdoc />
    public KmsKeyVersionInfo Rotate()
    {
        lock (_module.ObjectMutationGate)
        {
            var next = Rescan().Highest + 1;
            _pool.Run(s => _keys.GenerateKek(s, next));
            Rescan();
            return new KmsKeyVersionInfo(next, KmsKeyState.Primary, null);
        }
    }

    /// <inheritdoc />
    public void Retire(int version)
    {
        KeyWrapFormat.EnsureVersion(version, nameof(version));
        lock (_module.ObjectMutationGate)
        {
            var keyring = Rescan();
            if (!keyring.Versions.TryGetValue(version, out var entry))
            {
                throw new KmsKeyStateException($"KMS key version {version} does not exist.");
            }

            if (version == keyring.Primary)
            {
                throw new KmsKeyStateException($"KMS key version {version} is primary and cannot be retired; rotate first.");
            }

            if (!entry.Retired)
            {
                // The token itself then refuses to use the key, whichever node asks.
                _pool.Run(s => _keys.DisableKek(s, entry.Handles));
                Rescan();
            }
        }
    }

    /// <inheritdoc />
    public WrappedDataKey WrapKey(ReadOnlySpan<byte> dataKey, int? version = null)
    {
        KeyWrapFormat.EnsureDataKeySize(dataKey, nameof(dataKey));
        var chosen = version ?? _keyring.Primary;
        KeyWrapFormat.EnsureVersion(chosen, nameof(version));
        var wrapped = new byte[KeyWrapFormat.WrappedSize];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, KeyWrapFormat.NonceSize));
        var nonce = wrapped[..KeyWrapFormat.NonceSize];
        var plain = dataKey.ToArray();
        try
        {
            var aad = KeyWrapFormat.AssociatedData(chosen);
            var sealedKey = WithKey(chosen, entry => _pool.Run(s => Pkcs11TokenOperations.GcmEncrypt(s, entry.Handles[0], nonce, aad, plain)));
            sealedKey.CopyTo(wrapped, KeyWrapFormat.NonceSize);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_KEY_FUNCTION_NOT_PERMITTED)
        {
            throw new KmsKeyStateException($"KMS key version {chosen} is retired.", ex);
        }
        catch (Pkcs11Exception ex)
        {
            throw new KmsException($"PKCS#11 wrap under key version {chosen} failed ({ex.RV}).", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        return new WrappedDataKey(chosen, wrapped);
    }

    /// <inheritdoc />
    public void UnwrapKey(int version, ReadOnlySpan<byte> wrappedKey, Span<byte> dataKey)
    {
        KeyWrapFormat.EnsureVersion(version, nameof(version));
        KeyWrapFormat.EnsureDataKeySize(dataKey, nameof(dataKey));
        KeyWrapFormat.EnsureWrappedSize(wrappedKey, version);
        var nonce = wrappedKey[..KeyWrapFormat.NonceSize].ToArray();
        var sealedKey = wrappedKey[KeyWrapFormat.NonceSize..].ToArray();
        var aad = KeyWrapFormat.AssociatedData(version);

        byte[] plain;
        try
        {
            plain = WithKey(version, entry => Pkcs11TokenOperations.DecryptWithAny(_pool, entry, nonce, aad, sealedKey));
        }
        catch (Pkcs11Exception ex)
        {
            throw new KmsException($"PKCS#11 unwrap under key version {version} failed ({ex.RV}).", ex);
        }

        plain.CopyTo(dataKey);
        CryptographicOperations.ZeroMemory(plain);
    }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var input = data.ToArray();
        return WithSigningKey(key => _pool.Run(s => Pkcs11TokenOperations.HmacSign(s, key, input)));
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        var input = data.ToArray();
        var mac = signature.ToArray();
        return WithSigningKey(key => _pool.Run(s => Pkcs11TokenOperations.HmacVerify(s, key, input, mac)));
    }

    /// <inheritdoc />
    public byte[] ExportCheckpointPublicKey() => _checkpointKey.ExportPublicKey();

    /// <inheritdoc />
    public byte[] SignCheckpoint(ReadOnlySpan<byte> sha256Digest) => _checkpointKey.SignDigest(sha256Digest);

    /// <summary>Closes this instance's sessions and releases the module (finalized when no instance uses it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _pool.Dispose();
        _module.Release();
    }

    /// <summary>
    /// Runs an operation with a version's key objects. Object handles can go stale (SoftHSM2
    /// re-indexing its file store while other sessions create and destroy objects, an HSM failover):
    /// then look the key up again, once.
    /// </summary>
    private T WithKey<T>(int version, Func<Pkcs11KeyVersion, T> operation)
    {
        try
        {
            return operation(UsableVersion(version));
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_OBJECT_HANDLE_INVALID)
        {
            Rescan();
            return operation(UsableVersion(version));
        }
    }

    private T WithSigningKey<T>(Func<IObjectHandle, T> operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        try
        {
            return operation(_signingKey);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_OBJECT_HANDLE_INVALID)
        {
            lock (_module.ObjectMutationGate)
            {
                _signingKey = _pool.Run(_keys.FindOrCreateSigningKey);
            }

            return operation(_signingKey);
        }
    }

    private Pkcs11KeyVersion UsableVersion(int version)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (!_keyring.Versions.TryGetValue(version, out var entry))
        {
            // Another node may have rotated since we last looked.
            Rescan().Versions.TryGetValue(version, out entry);
        }

        if (entry is null)
        {
            throw new KmsKeyStateException($"KMS key version {version} does not exist.");
        }

        return entry.Retired ? throw new KmsKeyStateException($"KMS key version {version} is retired.") : entry;
    }

    private Pkcs11Keyring Rescan()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var keyring = _pool.Run(s => Pkcs11Keyring.Scan(s, _keyLabel));
        _keyring = keyring;
        return keyring;
    }
}
