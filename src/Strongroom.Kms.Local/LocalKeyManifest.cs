using Strongroom.Core.Kms;

namespace Strongroom.Kms.Local;

/// <summary>
/// The local provider's version state, persisted as <c>manifest.json</c> next to the key files.
/// Only versions named here are in use; a key file without an entry is the leftover of a rotation
/// that crashed before this manifest was replaced, and is never reused.
/// </summary>
/// <param name="Format">Manifest format version, currently 1.</param>
/// <param name="Primary">The primary key version.</param>
/// <param name="Versions">Every version in use or retired, ascending.</param>
internal sealed record LocalKeyManifest(int Format, int Primary, IReadOnlyList<LocalKeyManifestEntry> Versions)
{
    public const int CurrentFormat = 1;

    public LocalKeyManifestEntry? Find(int version)
    {
        foreach (var entry in Versions)
        {
            if (entry.Version == version)
            {
                return entry;
            }
        }

        return null;
    }

    public KmsKeyState StateOf(LocalKeyManifestEntry entry) =>
        entry.Retired ? KmsKeyState.Retired
        : entry.Version == Primary ? KmsKeyState.Primary
        : KmsKeyState.Active;

    public int MaxVersion()
    {
        var max = 0;
        foreach (var entry in Versions)
        {
            max = Math.Max(max, entry.Version);
        }

        return max;
    }

    /// <summary>Checks invariants after reading from disk, so a hand-edited manifest fails loudly.</summary>
    public void Validate()
    {
        if (Format != CurrentFormat)
        {
            throw new KmsException($"Unsupported local KMS manifest format {Format}.");
        }

        var primary = Find(Primary);
        if (primary is null || primary.Retired)
        {
            throw new KmsException($"The local KMS manifest names primary version {Primary}, which is absent or retired.");
        }

        var seen = new HashSet<int>();
        foreach (var entry in Versions)
        {
            if (entry.Version < 1 || !seen.Add(entry.Version))
            {
                throw new KmsException($"The local KMS manifest has an invalid or duplicate version {entry.Version}.");
            }
        }
    }
}
