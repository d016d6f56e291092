using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Strongroom.Git.Process;
using Strongroom.Git.Storage;

namespace Strongroom.Git.History;

/// <summary>
/// The blobs that some commits reach and others do not (<c>git rev-list --objects TIPS --not EXCLUDED</c>),
/// read through <c>git cat-file --batch</c>, one per core, and handed to a visitor on every core. What a
/// push adds (tips: the pushed refs; excluded: every existing ref; objects read from git's quarantine) and
/// what a sweep has not seen yet (excluded: the tips it swept last time) are both this walk, so both cost
/// time in proportion to what is new, not to the repository's size.
/// </summary>
public static class BlobWalk
{
    /// <summary>Blobs up to this size are read whole and scanned on any core; larger ones stream through the reader.</summary>
    private const int InMemoryLimit = 8 * 1024 * 1024;

    /// <summary>
    /// Calls <paramref name="visit"/> once per blob reachable from <paramref name="tips"/> and not from
    /// <paramref name="excluded"/> (revisions that no longer exist are ignored), with a stream of its bytes,
    /// from up to <paramref name="parallelism"/> threads at once; returns how many blobs and bytes there were.
    /// </summary>
    /// <param name="environment">Extra git environment, e.g. the quarantine's object directory.</param>
    /// <param name="readers">git processes reading the objects (one per core pays on large histories; one is enough for a small repository).</param>
    public static async Task<(int Blobs, long Bytes)> ForEachAsync(GitRepo repo, IEnumerable<string> tips, IEnumerable<string> excluded,
        IReadOnlyDictionary<string, string>? environment, Action<WalkedBlob, Stream> visit, int parallelism, int readers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(visit);
        if (NewBlobsListing(tips, excluded) is not { } arguments)
        {
            return (0, 0);
        }

        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["GIT_DIR"] = repo.Path };

        // The list is dealt out to one cat-file per core: inflating the objects costs as much as scanning them.
        using var revList = GitCommand.Start(arguments, env);
        revList.StandardInput.Close();
        var lanes = Enumerable.Range(0, Math.Clamp(readers, 1, Math.Max(1, parallelism)))
            .Select(_ => GitCommand.Start(["cat-file", "--batch=%(objecttype) %(objectname) %(objectsize) %(rest)"], env)).ToList();
        var errors = new[] { revList }.Concat(lanes).Select(p => p.StandardError.ReadToEndAsync(cancellationToken)).ToList();
        var queue = Channel.CreateBounded<(WalkedBlob Blob, byte[] Buffer)>(new BoundedChannelOptions(64));
        var workers = Enumerable.Range(0, Math.Max(1, parallelism)).Select(_ => Task.Run(() => VisitAsync(queue.Reader, visit, cancellationToken), cancellationToken)).ToList();
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
            await EndAsync([revList, .. lanes], errors, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The <c>git rev-list</c> arguments that list, with their first path, the blobs <paramref name="tips"/>
    /// reach and <paramref name="excluded"/> do not; null when no tip is a commit (only deletions).
    /// </summary>
    internal static List<string>? NewBlobsListing(IEnumerable<string> tips, IEnumerable<string> excluded)
    {
        var news = tips.Where(t => t != ObjectIds.Zero).Distinct(StringComparer.Ordinal).ToList();
        return news.Count == 0 ? null : ["rev-list", "--objects", "--filter=object:type=blob", "--ignore-missing", .. news, "--not", .. excluded];
    }

    /// <summary>Waits for git's processes to end; throws with what they said when one failed.</summary>
    private static async Task EndAsync(List<System.Diagnostics.Process> processes, List<Task<string>> errors, CancellationToken cancellationToken)
    {
        foreach (var process in processes)
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (processes.Any(p => p.ExitCode != 0))
        {
            throw new GitException("listing the objects to scan failed: " + string.Concat(await Task.WhenAll(errors).ConfigureAwait(false)));
        }
    }

    /// <summary>One worker: visits the blobs read whole, returning their buffers to the pool.</summary>
    private static async Task VisitAsync(ChannelReader<(WalkedBlob Blob, byte[] Buffer)> queue, Action<WalkedBlob, Stream> visit, CancellationToken cancellationToken)
    {
        await foreach (var (blob, buffer) in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
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
    }

    /// <summary>Deals rev-list's lines out to the cat-file lanes, then closes their input.</summary>
    private static async Task DealAsync(StreamReader objects, List<System.Diagnostics.Process> lanes, CancellationToken cancellationToken)
    {
        foreach (var lane in lanes)
        {
            lane.StandardInput.AutoFlush = false;
        }

        while (await objects.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            // By path: every version of a file goes to the same reader, whose delta-base cache then holds
            // the versions the next one is stored against.
            var path = line.Length > 41 ? line.AsSpan(41) : line.AsSpan();
            var input = lanes[(int)((uint)string.GetHashCode(path, StringComparison.Ordinal) % (uint)lanes.Count)].StandardInput;
            await input.WriteAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await input.WriteAsync('\n').ConfigureAwait(false);
        }

        foreach (var lane in lanes)
        {
            lane.StandardInput.Close();
        }
    }

    private static async Task<(int Blobs, long Bytes)> ReadBatchAsync(Stream output, ChannelWriter<(WalkedBlob, byte[])> queue, Action<WalkedBlob, Stream> visit,
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
                var blob = new WalkedBlob(parts[1], parts.Length > 3 ? parts[3] : "", size);
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
