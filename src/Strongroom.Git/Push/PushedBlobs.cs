using Strongroom.Git.History;
using Strongroom.Git.Packs;
using Strongroom.Git.Process;
using Strongroom.Git.Storage;

namespace Strongroom.Git.Push;

/// <summary>
/// The blobs a push adds and nothing else, read from git's quarantine, where the pushed objects wait until
/// the hook accepts them. A push arrives as one pack (the hub sets receive.unpackLimit to 1, so git keeps
/// it as one), which is read in place (<see cref="DeltaWalk"/>: each blob inflated once, each delta seen
/// with what it changed); anything else (no pack, a pack this reader does not support) is walked
/// (<c>rev-list</c> and <c>cat-file</c>) like any other history.
/// </summary>
public static class PushedBlobs
{
    /// <summary>
    /// Visits the pushed blobs: through <paramref name="visitPacked"/> (content by id, paths still unknown:
    /// see <see cref="PushedPaths"/>) when the push is one pack, else through <paramref name="visitWalked"/>.
    /// Returns how many blobs and bytes there were, and whether they came from the pack.
    /// </summary>
    public static async Task<(int Blobs, long Bytes, bool Packed)> ForEachAsync(GitRepo repo, string quarantinePath, IReadOnlyList<string> tips,
        BlobVisitor? visitPacked, Action<WalkedBlob, Stream> visitWalked, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        if (visitPacked is not null && OnePack(quarantinePath) is { } packPath)
        {
            try
            {
                var (blobs, bytes) = await Task.Run(() => WalkPack(repo, packPath, visitPacked, parallelism, cancellationToken), cancellationToken).ConfigureAwait(false);
                return (blobs, bytes, true);
            }
            catch (Exception e) when (e is NotSupportedException || e is AggregateException a && a.InnerExceptions.All(i => i is NotSupportedException))
            {
                // A delta against an object outside the pack, or a blob too large to hold: walked below
                // instead (what was visited from the pack is the caller's to discard: Packed is false).
            }
        }

        var (walked, walkedBytes) = await BlobWalk.ForEachAsync(
                repo, tips, ["--all"], Quarantine(repo, quarantinePath), visitWalked, parallelism, readers: parallelism, cancellationToken)
            .ConfigureAwait(false);
        return (walked, walkedBytes, false);
    }

    private static (int Blobs, long Bytes) WalkPack(GitRepo repo, string packPath, BlobVisitor visit, int parallelism, CancellationToken cancellationToken)
    {
        using var pack = PackFile.Open(packPath);
        var known = KnownObjects.In(Path.Combine(repo.Path, "objects"));
        return new DeltaWalk(pack, known.Contains, visit).Run(parallelism, cancellationToken);
    }

    // The quarantine's one pack, when the push arrived as a pack and was kept as one (git would unpack a
    // push of fewer than receive.unpackLimit objects into loose objects).
    private static string? OnePack(string quarantinePath)
    {
        var packs = Path.Combine(quarantinePath, "pack");
        var found = Directory.Exists(packs) ? Directory.GetFiles(packs, "*.pack") : [];
        var loose = Directory.EnumerateDirectories(quarantinePath).Any(d => Path.GetFileName(d).Length == 2 && Directory.EnumerateFileSystemEntries(d).Any());
        return found.Length == 1 && !loose && File.Exists(Path.ChangeExtension(found[0], ".idx")) ? found[0] : null;
    }

    internal static Dictionary<string, string> Quarantine(GitRepo repo, string quarantinePath) => new()
    {
        ["GIT_OBJECT_DIRECTORY"] = quarantinePath,
        ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = Path.Combine(repo.Path, "objects"),
    };
}
