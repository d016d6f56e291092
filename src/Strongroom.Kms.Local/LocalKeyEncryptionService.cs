using System.Security.Cryptography;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Local;

/// <summary>
/// The <c>local</c> KMS provider, the embedded default: random 256-bit key-encryption keys, one
/// 0600 file per version in a 0700 directory, version state in an atomically replaced manifest.
/// Key-encryption keys only ever wrap data keys (AES-256-GCM, see <see cref="KeyWrapFormat"/>).
/// </summary>
/// <remarks>
/// Rotation writes and fsyncs the new key file before the manifest names it primary, so a crash at
/// any point leaves the previous primary in force and loses nothing. Meant for one process; a
/// second process over the same directory sees rotations when it meets an unknown version or lists
/// versions, but concurrent rotations from two processes are not coordinated.
/// </remarks>
public sealed class LocalKeyEncryptionService : IKeyEncryptionService, IDisposable
{
    /// <summary>The provider name, <c>local</c>.</summary>
    public const string Name = "local";

    private readonly LocalKeyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly byte[] _signingKey;
    private readonly LocalCheckpointKey _checkpointKey;
    private volatile LocalKeyring _keyring;
    private bool _disposed;

    /// <summary>Opens the key directory, creating it and the first key version if absent.</summary>
    /// <param name="keyDirectory">Where key files live, typically <c>&lt;data&gt;/kms</c>.</param>
    /// <param name="timeProvider">Clock for creation and retirement times.</param>
    public LocalKeyEncryptionService(string keyDirectory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = new LocalKeyStore(keyDirectory);
        _timeProvider = timeProvider;
        _store.EnsureDirectory();
        _checkpointKey = new LocalCheckpointKey(_store, label => Sign(label));

        lock (_gate)
        {
            var manifest = _store.ReadManifest() ?? CreateManifest();

            _keyring = LocalKeyring.Load(_store, manifest, previous: null);
            _signingKey = _store.ReadSigningKey() ?? CreateSigningKey();
        }
    }

    /// <summary>The directory holding the key files.</summary>
    public string KeyDirectory => _store.DirectoryPath;

    /// <inheritdoc />
    public string ProviderName => Name;

    /// <inheritdoc />
    public int PrimaryVersion => _keyring.Manifest.Primary;

    /// <inheritdoc />
    public IReadOnlyList<KmsKeyVersionInfo> ListVersions()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ReloadLocked().Describe();
        }
    }

    /// <inheritdoc />
    public KmsKeyVersionInfo Rotate()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = ReloadLocked().Manifest;

            // Never reuse a number: a key file left by a crashed rotation may exist past the manifest.
            var next = Math.Max(current.MaxVersion(), _store.MaxKeyFileVersion()) + 1;
            CreateKeyFile(next);

            var now = _timeProvider.GetUtcNow();
            var manifest = current with
            {
                Primary = next,
                Versions = [.. current.Versions, new LocalKeyManifestEntry(next, now, false, null)],
            };
            _store.WriteManifest(manifest);
            _keyring = LocalKeyring.Load(_store, manifest, _keyring);
            return new KmsKeyVersionInfo(next, KmsKeyState.Primary, now);
        }
    }

    /// <inheritdoc />
    public void Retire(int version)
    {
        KeyWrapFormat.EnsureVersion(version, nameof(version));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = ReloadLocked().Manifest;
            var entry = current.Find(version) ?? throw new KmsKeyStateException($"KMS key version {version} does not exist.");
            if (version == current.Primary)
            {
                throw new KmsKeyStateException($"KMS key version {version} is primary and cannot be retired; rotate first.");
            }

            if (entry.Retired)
            {
                return;
            }

            var retired = entry with { Retired = true, RetiredAt = _timeProvider.GetUtcNow() };
            var manifest = current with { Versions = [.. current.Versions.Select(e => e.Version == version ? retired : e)] };
            _store.WriteManifest(manifest);
            // The key bytes are dropped, not zeroed: a concurrent reader may still hold the old snapshot.
            _keyring = LocalKeyring.Load(_store, manifest, _keyring);
        }
    }

    /// <inheritdoc />
    public WrappedDataKey WrapKey(ReadOnlySpan<byte> dataKey, int? version = null)
    {
        KeyWrapFormat.EnsureDataKeySize(dataKey, nameof(dataKey));
        var keyring = _keyring;
        var chosen = version ?? keyring.Manifest.Primary;
        KeyWrapFormat.EnsureVersion(chosen, nameof(version));
        var kek = KeyFor(ref keyring, chosen);

        var wrapped = new byte[KeyWrapFormat.WrappedSize];
        var nonce = wrapped.AsSpan(0, KeyWrapFormat.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek, KeyWrapFormat.TagSize);
        aes.Encrypt(
            nonce,
            dataKey,
            wrapped.AsSpan(KeyWrapFormat.NonceSize, KeyWrapFormat.KeySize),
            wrapped.AsSpan(KeyWrapFormat.NonceSize + KeyWrapFormat.KeySize),
            KeyWrapFormat.AssociatedData(chosen));
        return new WrappedDataKey(chosen, wrapped);
    }

    /// <inheritdoc />
    public void UnwrapKey(int version, ReadOnlySpan<byte> wrappedKey, Span<byte> dataKey)
    {
        KeyWrapFormat.EnsureVersion(version, nameof(version));
        KeyWrapFormat.EnsureDataKeySize(dataKey, nameof(dataKey));
        var keyring = _keyring;
        var kek = KeyFor(ref keyring, version);
        KeyWrapFormat.EnsureWrappedSize(wrappedKey, version);

        using var aes = new AesGcm(kek, KeyWrapFormat.TagSize);
        try
        {
            aes.Decrypt(
                wrappedKey[..KeyWrapFormat.NonceSize],
                wrappedKey.Slice(KeyWrapFormat.NonceSize, KeyWrapFormat.KeySize),
                wrappedKey[(KeyWrapFormat.NonceSize + KeyWrapFormat.KeySize)..],
                dataKey,
                KeyWrapFormat.AssociatedData(version));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            // AesGcm already zeroed the destination.
            throw new KmsUnwrapException($"The wrapped data key does not authenticate under KMS key version {version}.", ex);
        }
    }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return HMACSHA256.HashData(_signingKey, data);
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_signingKey, data, expected);
        return signature.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    /// <inheritdoc />
    public byte[] ExportCheckpointPublicKey() => _checkpointKey.ExportPublicKey();

    /// <inheritdoc />
    public byte[] SignCheckpoint(ReadOnlySpan<byte> sha256Digest) => _checkpointKey.SignDigest(sha256Digest);

    /// <summary>Zeroes the key bytes held in memory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var key in _keyring.Keys.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            CryptographicOperations.ZeroMemory(_signingKey);
            _checkpointKey.Dispose();
        }
    }

    private byte[] KeyFor(ref LocalKeyring keyring, int version)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!keyring.Knows(version))
        {
            // Another process over the same directory may have rotated since we loaded.
            lock (_gate)
            {
                keyring = ReloadLocked();
            }
        }

        return keyring.UsableKey(version);
    }

    private LocalKeyring ReloadLocked()
    {
        var manifest = _store.ReadManifest() ?? throw new KmsException("The local KMS manifest has disappeared.");
        var keyring = LocalKeyring.Load(_store, manifest, _keyring);
        _keyring = keyring;
        return keyring;
    }

    /// <summary>
    /// First start: create version 1. Key files without a manifest mean either a first start that
    /// crashed before the manifest was written (the key never wrapped anything) or a lost manifest;
    /// adopting every key file as active, the highest as primary, is right in both cases and loses
    /// no key. Only retirement marks would be lost, and retiring again is harmless.
    /// </summary>
    private LocalKeyManifest CreateManifest()
    {
        var now = _timeProvider.GetUtcNow();
        var versions = _store.KeyFileVersions();
        if (versions.Count == 0)
        {
            CreateKeyFile(1);
            versions = [1];
        }

        var manifest = new LocalKeyManifest(
            LocalKeyManifest.CurrentFormat,
            versions[^1],
            [.. versions.Select(v => new LocalKeyManifestEntry(v, now, false, null))]);
        _store.WriteManifest(manifest);
        return manifest;
    }

    private void CreateKeyFile(int version)
    {
        Span<byte> key = stackalloc byte[KeyWrapFormat.KeySize];
        RandomNumberGenerator.Fill(key);
        try
        {
            _store.CreateKeyFile(version, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private byte[] CreateSigningKey()
    {
        var key = RandomNumberGenerator.GetBytes(KeyWrapFormat.KeySize);
        _store.CreateSigningKey(key);
        return key;
    }
}
