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
            () =>
            {
                try
                {
                    foreach (var item in items)
                    {
                        if (!channel.Writer.TryWrite(item))
                        {
                            channel.Writer.WriteAsync(item, cancellationToken).AsTask().GetAwaiter().GetResult();
                        }
                    }

                    channel.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    channel.Writer.TryComplete(e);
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var results = new List<T>[Math.Max(1, readers)];
        void Read(int slot)
        {
            var local = results[slot] = [];
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

        var others = Enumerable.Range(1, results.Length - 1)
            .Select(slot => Task.Factory.StartNew(() => Read(slot), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Read(0);
        Task.WaitAll([listing, .. others], cancellationToken);

        return [.. results.SelectMany(r => r)];
    }

    // Synchronous when items are queued (the common case); blocks this dedicated thread otherwise.
    // A listing that failed completes the channel with its exception, which this rethrows.
    private static bool WaitToRead<TItem>(ChannelReader<TItem> reader, CancellationToken cancellationToken)
    {
        var wait = reader.WaitToReadAsync(cancellationToken);
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }
}
