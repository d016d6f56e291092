using System.Collections.Concurrent;
using Strongroom.Data;

namespace Strongroom.Server.Tests.Data;

/// <summary>The group commit queue alone, with a batch writer the test holds and releases.</summary>
public sealed class GroupCommitQueueTests
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstBatchBegun = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string[]> _committed = new();

    private GroupCommitQueue<string> Queue(int maxBatch = 100) => new(async items =>
    {
        _firstBatchBegun.TrySetResult();
        await _release.Task; // every batch waits until the test lets them go
        if (items.Contains("bad"))
        {
            throw new InvalidOperationException("refused");
        }

        _committed.Enqueue([.. items]);
    }, maxBatch);

    [Fact]
    public async Task CallersArrivingWhileABatchCommits_ShareTheNextBatch()
    {
        var queue = Queue();
        var first = queue.WriteAsync(["first"]);
        await _firstBatchBegun.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the loop holds the first batch
        var others = Enumerable.Range(0, 10).Select(i => queue.WriteAsync(["c" + i])).ToList();

        _release.SetResult();
        await Task.WhenAll(others.Append(first));

        Assert.Equal([["first"], others.Select((_, i) => "c" + i).ToArray()], _committed.ToArray());
        Assert.Equal(2, queue.Batches);
    }

    [Fact]
    public async Task ABatchThatFails_IsWrittenAgainCallerByCaller_AndOnlyTheBadCallerFails()
    {
        var queue = Queue();
        var first = queue.WriteAsync(["first"]);
        await _firstBatchBegun.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var good1 = queue.WriteAsync(["a", "b"]);
        var bad = queue.WriteAsync(["c", "bad"]);
        var good2 = queue.WriteAsync(["d"]);

        _release.SetResult();
        await Task.WhenAll(first, good1, good2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(["first", "a", "b", "d"], _committed.SelectMany(b => b).ToArray()); // each committed once, the bad caller's not at all
    }

    [Fact]
    public async Task NoBatchHoldsMoreThanItsMaximum_AndNoCallersItemsAreSplit()
    {
        var queue = Queue(maxBatch: 5);
        var callers = new[] { 3, 3, 1, 7, 2 }.Select((n, c) => queue.WriteAsync(Enumerable.Range(0, n).Select(i => $"{c}.{i}").ToArray())).ToList();

        _release.SetResult();
        await Task.WhenAll(callers);

        var batches = _committed.ToArray();
        Assert.All(batches, b => Assert.True(b.Length <= 5 || b.Select(i => i.Split('.')[0]).Distinct().Count() == 1, string.Join(",", b)));
        Assert.All(batches, b => Assert.True(b.GroupBy(i => i.Split('.')[0]).All(g => g.Count() == new[] { 3, 3, 1, 7, 2 }[int.Parse(g.Key)])));
        Assert.Equal(16, batches.Sum(b => b.Length));
    }

    [Fact]
    public async Task TheLoopStopsWhenIdle_AndTheNextCallerStartsItAgain()
    {
        var queue = Queue();
        _release.SetResult();
        await queue.WriteAsync(["one"]);
        await Task.Delay(50);
        await queue.WriteAsync(["two"]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["one", "two"], _committed.SelectMany(b => b).ToArray());
    }

    [Fact]
    public async Task ACallerReturnsWhenItsBatchIsDurable_AndTheNextBatchIsWrittenMeanwhile()
    {
        var durable = new Dictionary<string, TaskCompletionSource>();
        var written = new ConcurrentQueue<string>();
        var queue = new GroupCommitQueue<string>(items =>
        {
            written.Enqueue(items[0]);
            var flush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (durable)
            {
                durable[items[0]] = flush;
            }

            return Task.FromResult(flush.Task);
        }, 1);

        var first = queue.WriteAsync(["first"]);
        var second = queue.WriteAsync(["second"]);
        for (var i = 0; i < 500 && written.Count < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(["first", "second"], written.ToArray()); // the second committed while the first is not yet durable
        Assert.False(first.IsCompleted);
        lock (durable)
        {
            durable["second"].SetException(new IOException("flush failed"));
            durable["first"].SetResult();
        }

        await first.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<IOException>(() => second);
    }

    [Fact]
    public async Task AFailureThatMayHaveCommitted_FailsEveryCallerOfItsBatch_WithoutWritingAgain()
    {
        var attempts = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommitQueue<string>(async items =>
        {
            Interlocked.Increment(ref attempts);
            if (items[0] == "first")
            {
                _firstBatchBegun.TrySetResult();
                await release.Task;
                return Task.CompletedTask;
            }

            throw new IOException("connection lost during the commit");
        }, 100, nothingCommitted: e => e is not IOException);

        var first = queue.WriteAsync(["first"]);
        await _firstBatchBegun.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var others = new[] { "a", "b", "c" }.Select(item => queue.WriteAsync([item])).ToList();
        release.SetResult();
        await first;

        foreach (var other in others)
        {
            await Assert.ThrowsAsync<IOException>(() => other);
        }

        Assert.Equal(2, attempts); // the first batch, then the others' once: not again caller by caller
    }
}
