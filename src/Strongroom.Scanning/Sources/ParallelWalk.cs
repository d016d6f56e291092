using System.Threading.Channels;

namespace Strongroom.Scanning.Sources;

/// <summary>
/// Runs a listing on its own thread and feeds what it yields to readers on the other cores through a
/// bounded channel. The listing never waits on a reader's lock (as it did inside Parallel.ForEach's
/// enumerator), and the readers never wait on the listing while work is queued.
/// </summary>
internal static class ParallelWalk
{
    // Enough queued paths to cover a slow directory listing; bounded so a huge tree is not held in memory.
    private const int Capacity = 4096;

    /// <summary>
    /// Calls <paramref name="scan"/> for every item on <paramref name="readers"/> threads (the caller's
    /// among them); returns what the readers added to their lists, in no particular order.
    /// </summary>
    public static List<T> Run<TItem, T>(IEnumerable<TItem> items, int readers, Action<TItem, List<T>> scan, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<TItem>(new BoundedChannelOptions(Capacity)
        {
            SingleWriter = true,
            SingleReader = readers == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // Dedicated threads (LongRunning): on two cores the thread pool would add a third worker only
        // after a delay, and the listing and the readers block.
        var listing = Task.Factory.StartNew(
            () => WriteAll(items, channel.Writer, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var results = new List<T>[Math.Max(1, readers)];
        var others = Enumerable.Range(1, results.Length - 1)
            .Select(slot => Task.Factory.StartNew(
                () => ReadAll(channel, scan, results[slot] = [], cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToArray();
        ReadAll(channel, scan, results[0] = [], cancellationToken);
        Task.WaitAll([listing, .. others], cancellationToken);

        return [.. results.SelectMany(r => r)];
    }

    // The listing's thread: writes every item, then completes the channel, with the listing's
    // exception if it failed.
    private static void WriteAll<TItem>(IEnumerable<TItem> items, ChannelWriter<TItem> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var item in items)
            {
                if (!writer.TryWrite(item))
                {
                    writer.WriteAsync(item, cancellationToken).AsTask().GetAwaiter().GetResult();
                }
            }

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    // One reader's thread: scans items into its own list until the channel is complete.
    private static void ReadAll<TItem, T>(Channel<TItem> channel, Action<TItem, List<T>> scan, List<T> local, CancellationToken cancellationToken)
    {
        var reader = channel.Reader;
        try
        {
            while (WaitToRead(reader, cancellationToken))
            {
                while (reader.TryRead(out var item))
                {
                    scan(item, local);
                }
            }
        }
        catch (Exception e)
        {
            // Unblocks the listing (its next write fails) so a failed scan does not hang the walk.
            channel.Writer.TryComplete(e);
            throw;
        }
    }

    // Synchronous when items are queued (the common case); blocks this dedicated thread otherwise.
    // A listing that failed completes the channel with its exception, which this rethrows.
    private static bool WaitToRead<TItem>(ChannelReader<TItem> reader, CancellationToken cancellationToken)
    {
        var wait = reader.WaitToReadAsync(cancellationToken);
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }
}
