namespace Strongroom.Git.Packs;

/// <summary>
/// Whether a repository already holds an object, asked of every blob of a pushed pack: the indexes of its
/// packs read once, and its few loose objects listed once. (libgit2's lookup rescans the pack directory on
/// every miss, and a pushed blob is nearly always a miss: 29,000 of them cost 0.4 s of a push.)
/// </summary>
public sealed class KnownObjects
{
    private readonly List<PackIndex> _packs;
    private readonly HashSet<string> _loose;

    private KnownObjects(List<PackIndex> packs, HashSet<string> loose)
    {
        _packs = packs;
        _loose = loose;
    }

    /// <summary>Reads what the object directory <paramref name="objects"/> holds now.</summary>
    public static KnownObjects In(string objects)
    {
        var packDirectory = Path.Combine(objects, "pack");
        var packs = Directory.Exists(packDirectory)
            ? Directory.GetFiles(packDirectory, "*.idx").Where(i => File.Exists(Path.ChangeExtension(i, ".pack"))).Select(PackIndex.Read).ToList()
            : [];
        var loose = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fanout in Directory.Exists(objects) ? Directory.EnumerateDirectories(objects) : [])
        {
            var prefix = Path.GetFileName(fanout);
            if (prefix.Length == 2 && Uri.IsHexDigit(prefix[0]) && Uri.IsHexDigit(prefix[1]))
            {
                loose.UnionWith(Directory.EnumerateFiles(fanout).Select(f => prefix + Path.GetFileName(f)));
            }
        }

        return new KnownObjects(packs, loose);
    }

    /// <summary>Whether the object with this (lower-case hex) id is held. Safe from several threads at once.</summary>
    public bool Contains(string id)
    {
        Span<byte> raw = stackalloc byte[PackIndex.IdLength];
        Convert.FromHexString(id, raw, out _, out _);
        foreach (var pack in _packs)
        {
            if (pack.Find(raw) >= 0)
            {
                return true;
            }
        }

        return _loose.Contains(id);
    }
}
