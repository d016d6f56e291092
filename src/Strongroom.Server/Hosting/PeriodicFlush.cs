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
        foreach (var item in pending)
        {
            await WriteAsync(scope.ServiceProvider, item, cancellationToken).ConfigureAwait(false);
        }

        return pending.Count;
    }

    /// <summary>Takes what is pending from memory.</summary>
    protected abstract IReadOnlyList<T> Drain();

    protected abstract Task WriteAsync(IServiceProvider services, T item, CancellationToken cancellationToken);

    protected abstract void LogFlushFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TryFlushAsync(stoppingToken).ConfigureAwait(false);
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
