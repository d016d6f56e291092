namespace Strongroom.Server.Hosting;

/// <summary>
/// A background job that writes what requests noted in memory: every interval, and once more when the
/// host stops. A failed pass is logged and the job goes on.
/// </summary>
public abstract class PeriodicFlush(TimeSpan interval, TimeProvider time) : BackgroundService
{
    /// <summary>Writes what is pending now; returns how many items.</summary>
    public abstract Task<int> FlushAsync(CancellationToken cancellationToken);

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
        await TryFlushAsync(cancellationToken).ConfigureAwait(false);
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
