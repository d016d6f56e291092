using Strongroom.Git.History;
using Strongroom.Git.Storage;

namespace Strongroom.Git.Push;

/// <summary>
/// The blobs a push adds and nothing else: what the pushed tips reach and no existing ref does, read from
/// git's quarantine, where the pushed objects wait until the hook accepts them.
/// </summary>
public static class PushedBlobs
{
    public static Task<(int Blobs, long Bytes)> ForEachAsync(GitRepo repo, string quarantinePath, IEnumerable<string> tips,
        Action<WalkedBlob, Stream> visit, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var environment = new Dictionary<string, string>
        {
            ["GIT_OBJECT_DIRECTORY"] = quarantinePath,
            ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = Path.Combine(repo.Path, "objects"),
        };
        return BlobWalk.ForEachAsync(repo, tips, ["--all"], environment, visit, parallelism, readers: parallelism, cancellationToken);
    }
}
