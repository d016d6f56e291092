using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
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
    /// <summary>Blobs up to this size are read whole and scanned on any core; larger ones stream through the reader.</summary>
    private const int InMemoryLimit = 8 * 1024 * 1024;

    /// <summary>
    /// Calls <paramref name="visit"/> once per new blob with a stream of its bytes, from up to
    /// <paramref name="parallelism"/> threads at once (git's reading and the visits overlap); returns how many
    /// blobs and bytes there were.
    /// </summary>
    public static async Task<(int Blobs, long Bytes)> ForEachAsync(GitRepo repo, string quarantinePath, IEnumerable<string> tips,
        Action<PushedBlob, Stream> visit, int parallelism, CancellationToken cancellationToken)
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

        // The tips, then "--not --all": what the repository's refs already reach is not new. The list is dealt
        // out to one cat-file per core, as inflating the objects costs as much as scanning them.
        using var revList = GitCommand.Start(["rev-list", "--objects", "--filter=object:type=blob", .. news, "--not", "--all"], environment);
        revList.StandardInput.Close();
        var lanes = Enumerable.Range(0, Math.Max(1, parallelism))
            .Select(_ => GitCommand.Start(["cat-file", "--batch=%(objecttype) %(objectname) %(objectsize) %(rest)"], environment)).ToList();
        var errors = new[] { revList }.Concat(lanes).Select(p => p.StandardError.ReadToEndAsync(cancellationToken)).ToList();
        var queue = Channel.CreateBounded<(PushedBlob Blob, byte[] Buffer)>(new BoundedChannelOptions(64));
        var workers = Enumerable.Range(0, Math.Max(1, parallelism)).Select(_ => Task.Run(async () =>
        {
            await foreach (var (blob, buffer) in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    using var content = new MemoryStream(buffer, 0, (int)blob.Size, writable: false);
                    visit(blob, content);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }, cancellationToken)).ToList();
        try
        {
            var deal = DealAsync(revList.StandardOutput, lanes, cancellationToken);
            (int Blobs, long Bytes)[] counts;
            try
            {
                counts = await Task.WhenAll(lanes.Select(lane => ReadBatchAsync(lane.StandardOutput.BaseStream, queue.Writer, visit, cancellationToken))).ConfigureAwait(false);
            }
            finally
            {
                queue.Writer.TryComplete();
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
            await deal.ConfigureAwait(false);
            foreach (var process in lanes.Prepend(revList))
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (revList.ExitCode != 0 || lanes.Any(l => l.ExitCode != 0))
            {
                throw new GitException("listing the pushed objects failed: " + string.Concat(await Task.WhenAll(errors).ConfigureAwait(false)));
            }

            return (counts.Sum(c => c.Blobs), counts.Sum(c => c.Bytes));
        }
        catch
        {
            foreach (var process in lanes.Prepend(revList))
            {
                GitCommand.Kill(process);
            }

            throw;
        }
        finally
        {
            foreach (var lane in lanes)
            {
                lane.Dispose();
            }
        }
    }

    /// <summary>Deals rev-list's lines out to the cat-file lanes in turn, then closes their input.</summary>
    private static async Task DealAsync(StreamReader objects, List<System.Diagnostics.Process> lanes, CancellationToken cancellationToken)
    {
        foreach (var lane in lanes)
        {
            lane.StandardInput.AutoFlush = false;
        }

        var next = 0;
        while (await objects.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var input = lanes[next].StandardInput;
            await input.WriteAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await input.WriteAsync('\n').ConfigureAwait(false);
            next = (next + 1) % lanes.Count;
        }

        foreach (var lane in lanes)
        {
            lane.StandardInput.Close();
        }
    }

    private static async Task<(int Blobs, long Bytes)> ReadBatchAsync(Stream output, ChannelWriter<(PushedBlob, byte[])> queue, Action<PushedBlob, Stream> visit,
        CancellationToken cancellationToken)
    {
        var reader = new BatchReader(output);
        var blobs = 0;
        var bytes = 0L;
        while (await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false) is { } header)
        {
            // "<type> <oid> <size> <path>"; commits come without a path.
            var parts = header.Split(' ', 4);
            var size = long.Parse(parts[2], CultureInfo.InvariantCulture);
            var content = reader.Content(size);
            if (parts[0] == "blob")
            {
                blobs++;
                bytes += size;
                var blob = new PushedBlob(parts[1], parts.Length > 3 ? parts[3] : "", size);
                if (size <= InMemoryLimit)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, 1));
                    await content.ReadExactlyAsync(buffer.AsMemory(0, (int)size), cancellationToken).ConfigureAwait(false);
                    await queue.WriteAsync((blob, buffer), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    visit(blob, content);
                }
            }

            await content.DrainAsync(cancellationToken).ConfigureAwait(false);
            await reader.SkipNewlineAsync(cancellationToken).ConfigureAwait(false);
        }

        return (blobs, bytes);
    }
}
