namespace Strongroom.Server.Hosting;

/// <summary>
/// A background job that writes what requests noted in memory: every interval, and once more when the
/// host stops, all items of a pass in one service scope. A failed pass is logged and the job goes on.
/// </summary>
public abstract class PeriodicFlush<T>(TimeSpan interval, IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    /// <summary>Writes what is pending now; returns how many items.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var pending = Drain();
        if (pending.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        await WriteAllAsync(scope.ServiceProvider, pending, cancellationToken).ConfigureAwait(false);
        return pending.Count;
    }

    /// <summary>Writes a pass's items, by default one after the other with <see cref="WriteAsync"/>.</summary>
    protected virtual async Task WriteAllAsync(IServiceProvider services, IReadOnlyList<T> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await WriteAsync(services, item, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes what is pending from memory.</summary>
    protected abstract IReadOnlyList<T> Drain();

    protected abstract Task WriteAsync(IServiceProvider services, T item, CancellationToken cancellationToken);

    protected abstract void LogFlushFailed(Exception exception);

    /// <summary>
    /// Passes run on a thread of their own, not the pool's: on SQLite a pass runs synchronously to the end
    /// (Microsoft.Data.Sqlite's asynchronous calls do their work before returning) and, when a request holds the
    /// writer's lock, sleeps its thread for 150 ms per retry; on a pool of two threads (two cores) that was half the
    /// threads serving requests, gone for as long. Waiting on this thread blocks nothing else.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (timer.WaitForNextTickAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
            {
                TryFlushAsync(stoppingToken).GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Stopping must not fail, even when the host's patience runs out during the last pass (a busy
            // SQLite writer): what was not written is logged as lost.
            LogFlushFailed(ex);
        }
    }

    private async Task TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(ex);
        }
    }
}
