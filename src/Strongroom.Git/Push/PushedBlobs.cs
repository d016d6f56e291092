using System.Globalization;
using Strongroom.Git.Process;
using Strongroom.Git.Storage;

namespace Strongroom.Git.Push;

/// <summary>
/// The blobs a push adds and nothing else: <c>git rev-list --objects</c> from the pushed tips, minus
/// everything the repository's refs already reach, read from git's quarantine (where the pushed objects
/// wait until the hook accepts them) through one <c>git cat-file --batch</c>. A push of a long history
/// costs time in proportion to what it adds, not to the repository's size.
/// </summary>
public static class PushedBlobs
{
    /// <summary>Calls <paramref name="visit"/> once per new blob with a stream of its bytes (read it or not); returns how many blobs and bytes there were.</summary>
    public static async Task<(int Blobs, long Bytes)> ForEachAsync(GitRepo repo, string quarantinePath, IEnumerable<string> tips,
        Func<PushedBlob, Stream, ValueTask> visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(visit);
        var news = tips.Where(t => t != RefUpdate.ZeroOid).Distinct(StringComparer.Ordinal).ToList();
        if (news.Count == 0)
        {
            return (0, 0);
        }

        var environment = new Dictionary<string, string>
        {
            ["GIT_DIR"] = repo.Path,
            ["GIT_OBJECT_DIRECTORY"] = quarantinePath,
            ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = Path.Combine(repo.Path, "objects"),
        };
        // The tips, then "--not --all": what the repository's refs already reach is not new.
        using var revList = GitCommand.Start(["rev-list", "--objects", "--filter=object:type=blob", .. news, "--not", "--all"], environment);
        revList.StandardInput.Close();
        using var catFile = GitCommand.Start(["cat-file", "--batch=%(objecttype) %(objectname) %(objectsize) %(rest)"], environment);
        var revListErrors = revList.StandardError.ReadToEndAsync(cancellationToken);
        var catFileErrors = catFile.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            var pipe = PipeAsync(revList.StandardOutput.BaseStream, catFile.StandardInput.BaseStream, cancellationToken);
            var result = await ReadBatchAsync(catFile.StandardOutput.BaseStream, visit, cancellationToken).ConfigureAwait(false);
            await pipe.ConfigureAwait(false);
            await revList.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await catFile.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (revList.ExitCode != 0 || catFile.ExitCode != 0)
            {
                throw new GitException("listing the pushed objects failed: " + (await revListErrors.ConfigureAwait(false)) + (await catFileErrors.ConfigureAwait(false)));
            }

            return result;
        }
        catch
        {
            GitCommand.Kill(revList);
            GitCommand.Kill(catFile);
            throw;
        }
    }

    private static async Task PipeAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        await from.CopyToAsync(to, cancellationToken).ConfigureAwait(false);
        to.Close();
    }

    private static async Task<(int Blobs, long Bytes)> ReadBatchAsync(Stream output, Func<PushedBlob, Stream, ValueTask> visit, CancellationToken cancellationToken)
    {
        var reader = new BatchReader(output);
        var blobs = 0;
        var bytes = 0L;
        while (await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false) is { } header)
        {
            // "<type> <oid> <size> <path>"; commits come without a path, and "<oid> missing" cannot happen for listed objects.
            var parts = header.Split(' ', 4);
            var size = long.Parse(parts[2], CultureInfo.InvariantCulture);
            var content = reader.Content(size);
            if (parts[0] == "blob")
            {
                blobs++;
                bytes += size;
                await visit(new PushedBlob(parts[1], parts.Length > 3 ? parts[3] : "", size), content).ConfigureAwait(false);
            }

            await content.DrainAsync(cancellationToken).ConfigureAwait(false);
            await reader.SkipNewlineAsync(cancellationToken).ConfigureAwait(false);
        }

        return (blobs, bytes);
    }
}
