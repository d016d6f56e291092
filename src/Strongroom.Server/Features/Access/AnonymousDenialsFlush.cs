using Strongroom.Core.Audit;

namespace Strongroom.Server.Features.Access;

/// <summary>Writes what <see cref="AnonymousDenials"/> counted, every <see cref="Interval"/> and when the host stops.</summary>
public sealed partial class AnonymousDenialsFlush(AnonymousDenials denials, IServiceScopeFactory scopes, TimeProvider time, ILogger<AnonymousDenialsFlush> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Writes the pending events now; returns how many.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var events = denials.Drain();
        if (events.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        foreach (var auditEvent in events)
        {
            await audit.WriteAsync(auditEvent, cancellationToken).ConfigureAwait(false);
        }

        return events.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the anonymous denials to the audit log failed; they are dropped")]
    private partial void LogFlushFailed(Exception exception);
}
