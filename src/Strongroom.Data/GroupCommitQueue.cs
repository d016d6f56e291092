using System.Collections.Concurrent;

namespace Strongroom.Data;

/// <summary>
/// Group commit for many callers and one writer: each caller's items wait in a queue, and one loop writes
/// whatever has gathered as one batch (one transaction, one commit), then what gathered meanwhile, and so on.
/// A caller's task ends when the batch holding its items is committed and durable, or fails with what made it fail.
/// </summary>
/// <remarks>
/// Nothing waits to fill a batch: a lone caller is written at once, and a batch grows only while the one before
/// it is committing, so the batch size follows the load. The loop runs while there is work and stops when the
/// queue is empty; the next caller starts it again. A batch of several callers that failed having committed
/// nothing is written again caller by caller, so that one caller's bad items fail that caller alone. A batch may be committed before it is
/// durable (the writer returns a second task for that): the loop then writes the next batch while the first is
/// made durable, and the first's callers return when it is.
/// </remarks>
public sealed class GroupCommitQueue<T>
{
    private readonly Func<IReadOnlyList<T>, Task<Task>> _writeBatch;
    private readonly int _maxBatch;
    private readonly Func<Exception, bool> _nothingCommitted;
    private readonly ConcurrentQueue<Waiter> _queue = new();
    private Waiter? _carried;
    private int _writing;
    private long _batches;
    private long _busyTicks;

    /// <param name="writeBatch">
    /// Writes and commits the items of one batch, in order, and throws when nothing was committed; its result is a
    /// task that ends when the commit is durable (<see cref="Task.CompletedTask"/> when the commit already was).
    /// </param>
    /// <param name="maxBatch">Items in one batch at most (a caller's items are never split).</param>
    /// <param name="nothingCommitted">
    /// Whether a failure certainly committed nothing (the database refused a statement), so that the batch may be
    /// written again caller by caller; otherwise (a connection lost around the commit) every caller of the batch
    /// fails, rather than risk writing their items twice. Null: every failure is taken to have committed nothing.
    /// </param>
    public GroupCommitQueue(Func<IReadOnlyList<T>, Task<Task>> writeBatch, int maxBatch, Func<Exception, bool>? nothingCommitted = null)
    {
        ArgumentNullException.ThrowIfNull(writeBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _writeBatch = writeBatch;
        _maxBatch = maxBatch;
        _nothingCommitted = nothingCommitted ?? (_ => true);
    }

    /// <summary>Batches committed so far (each one transaction), for tests and benchmarks.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>How long the loop has spent writing batches (to their commit, not their durability): near the wall time, the loop is what limits appends.</summary>
    public TimeSpan Busy => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

    /// <summary>A queue whose batches are durable when their commit returns.</summary>
    public GroupCommitQueue(Func<IReadOnlyList<T>, Task> writeBatch, int maxBatch)
        : this(async items =>
        {
            ArgumentNullException.ThrowIfNull(writeBatch);
            await writeBatch(items).ConfigureAwait(false);
            return Task.CompletedTask;
        }, maxBatch)
    {
    }

    /// <summary>Queues <paramref name="items"/>; the task ends when they are committed and durable.</summary>
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
        Task durable;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            durable = await _writeBatch(batch.Count == 1 ? batch[0].Items : batch.SelectMany(w => w.Items).ToList()).ConfigureAwait(false);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        }
        catch (Exception e) when (batch.Count > 1 && _nothingCommitted(e))
        {
            foreach (var waiter in batch)
            {
                await WriteAsync([waiter]).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception e)
        {
            foreach (var waiter in batch)
            {
                waiter.Done.TrySetException(e);
            }

            return;
        }

        // Not awaited: the next batch is written while this one is made durable.
        _ = durable.ContinueWith(static (done, state) =>
        {
            foreach (var waiter in (List<Waiter>)state!)
            {
                _ = done.IsCompletedSuccessfully ? waiter.Done.TrySetResult() : waiter.Done.TrySetException(done.Exception?.InnerExceptions ?? [new TaskCanceledException()]);
            }
        }, batch, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed class Waiter(IReadOnlyList<T> items)
    {
        public IReadOnlyList<T> Items { get; } = items;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
