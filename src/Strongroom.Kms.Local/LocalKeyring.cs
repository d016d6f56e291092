using Strongroom.Core.Kms;

namespace Strongroom.Kms.Local;

/// <summary>
/// An immutable snapshot of the local provider's state: the manifest and the key bytes of every
/// version that is not retired. Readers take the current snapshot without locking; writers build a
/// new one under the provider's lock.
/// </summary>
internal sealed class LocalKeyring
{
    private readonly Dictionary<int, byte[]> _keys;

    public LocalKeyring(LocalKeyManifest manifest, Dictionary<int, byte[]> keys)
    {
        Manifest = manifest;
        _keys = keys;
    }

    public LocalKeyManifest Manifest { get; }

    public IReadOnlyDictionary<int, byte[]> Keys => _keys;

    /// <summary>Loads the keys of every non-retired version, reusing bytes already in memory.</summary>
    public static LocalKeyring Load(LocalKeyStore store, LocalKeyManifest manifest, LocalKeyring? previous)
    {
        var keys = new Dictionary<int, byte[]>();
        foreach (var entry in manifest.Versions)
        {
            if (entry.Retired)
            {
                continue;
            }

            keys[entry.Version] = previous is not null && previous._keys.TryGetValue(entry.Version, out var known)
                ? known
                : store.ReadKeyFile(entry.Version);
        }

        return new LocalKeyring(manifest, keys);
    }

    /// <summary>The key of a usable version, or a <see cref="KmsKeyStateException"/> naming why not.</summary>
    public byte[] UsableKey(int version)
    {
        if (_keys.TryGetValue(version, out var key))
        {
            return key;
        }

        var entry = Manifest.Find(version);
        throw entry is { Retired: true }
            ? new KmsKeyStateException($"KMS key version {version} is retired.")
            : new KmsKeyStateException($"KMS key version {version} does not exist.");
    }

    public bool Knows(int version) => Manifest.Find(version) is not null;

    public IReadOnlyList<KmsKeyVersionInfo> Describe()
    {
        var list = new List<KmsKeyVersionInfo>(Manifest.Versions.Count);
        foreach (var entry in Manifest.Versions.OrderBy(e => e.Version))
        {
            list.Add(new KmsKeyVersionInfo(entry.Version, Manifest.StateOf(entry), entry.CreatedAt));
        }

        return list;
    }
}
