using System.Collections.Concurrent;

namespace Strongroom.Data;

/// <summary>
/// Group commit for many callers and one writer: each caller's items wait in a queue, and one loop writes
/// whatever has gathered as one batch (one transaction, one commit), then what gathered meanwhile, and so on.
/// A caller's task ends when the batch holding its items has committed, or fails with what made it fail.
/// </summary>
/// <remarks>
/// Nothing waits to fill a batch: a lone caller is written at once, and a batch grows only while the one before
/// it is committing, so the batch size follows the load. The loop runs while there is work and stops when the
/// queue is empty; the next caller starts it again. A failed batch of several callers is written again caller
/// by caller, so that one caller's bad items fail that caller alone.
/// </remarks>
public sealed class GroupCommitQueue<T>
{
    private readonly Func<IReadOnlyList<T>, Task> _writeBatch;
    private readonly int _maxBatch;
    private readonly ConcurrentQueue<Waiter> _queue = new();
    private Waiter? _carried;
    private int _writing;
    private long _batches;

    /// <param name="writeBatch">Writes and commits the items of one batch, in order; throws when nothing was committed.</param>
    /// <param name="maxBatch">Items in one batch at most (a caller's items are never split).</param>
    public GroupCommitQueue(Func<IReadOnlyList<T>, Task> writeBatch, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(writeBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _writeBatch = writeBatch;
        _maxBatch = maxBatch;
    }

    /// <summary>Batches committed so far (each one transaction), for tests and benchmarks.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Queues <paramref name="items"/>; the task ends when they are committed.</summary>
    public Task WriteAsync(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var waiter = new Waiter(items);
        _queue.Enqueue(waiter);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync);
        }

        return waiter.Done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = Take();
            if (batch.Count > 0)
            {
                await WriteAsync(batch).ConfigureAwait(false);
                continue;
            }

            Volatile.Write(ref _writing, 0);
            // A caller that queued after Take found the queue empty, but before the flag was cleared, started no loop.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <summary>Callers in queue order until the batch is full; a caller that would overfill it waits for the next.</summary>
    private List<Waiter> Take()
    {
        var batch = new List<Waiter>();
        var count = 0;
        while ((_carried ?? (_queue.TryDequeue(out var next) ? next : null)) is { } waiter)
        {
            if (batch.Count > 0 && count + waiter.Items.Count > _maxBatch)
            {
                _carried = waiter;
                break;
            }

            _carried = null;
            batch.Add(waiter);
            count += waiter.Items.Count;
        }

        return batch;
    }

    private async Task WriteAsync(List<Waiter> batch)
    {
        try
        {
            await _writeBatch(batch.Count == 1 ? batch[0].Items : batch.SelectMany(w => w.Items).ToList()).ConfigureAwait(false);
            Interlocked.Increment(ref _batches);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var waiter in batch)
            {
                await WriteAsync([waiter]).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
            return;
        }

        foreach (var waiter in batch)
        {
            waiter.Done.TrySetResult();
        }
    }

    private sealed class Waiter(IReadOnlyList<T> items)
    {
        public IReadOnlyList<T> Items { get; } = items;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
