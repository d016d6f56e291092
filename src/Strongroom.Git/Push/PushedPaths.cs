using Strongroom.Git.History;
using Strongroom.Git.Process;
using Strongroom.Git.Storage;

namespace Strongroom.Git.Push;

/// <summary>
/// The paths of a push's new blobs, for the findings of blobs read from the pack by id: one listing of the
/// pushed history (<c>rev-list --objects</c>), started in the background when the first finding needs it, so
/// that it runs while the rest of the pack is scanned, and never when nothing was found.
/// </summary>
public sealed class PushedPaths(GitRepo repo, string quarantinePath, IReadOnlyList<string> tips)
{
    private readonly Lock _gate = new();
    private Task<Dictionary<string, string>>? _listing;

    /// <summary>Starts the listing, once.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _listing ??= Task.Run(() => ListAsync(cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// The first path at which the pushed tips reach each blob no existing ref reaches. A blob the tips do not
    /// reach (an object sent that no pushed commit uses) is absent.
    /// </summary>
    public Task<Dictionary<string, string>> GetAsync(CancellationToken cancellationToken)
    {
        Start(cancellationToken);
        return _listing!;
    }

    private async Task<Dictionary<string, string>> ListAsync(CancellationToken cancellationToken)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        if (BlobWalk.NewBlobsListing(tips, ["--all"]) is not { } arguments)
        {
            return paths;
        }

        var environment = new Dictionary<string, string>(PushedBlobs.Quarantine(repo, quarantinePath)) { ["GIT_DIR"] = repo.Path };
        using var revList = GitCommand.Start(arguments, environment);
        revList.StandardInput.Close();
        var errors = revList.StandardError.ReadToEndAsync(cancellationToken);
        while (await revList.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 41)
            {
                paths.TryAdd(line[..40], line[41..]);
            }
        }

        await revList.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (revList.ExitCode != 0)
        {
            throw new GitException("listing the pushed paths failed: " + await errors.ConfigureAwait(false));
        }

        return paths;
    }
}
