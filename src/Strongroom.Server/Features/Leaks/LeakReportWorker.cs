using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Hosting;
using Strongroom.Server.Features.Notifications;

namespace Strongroom.Server.Features.Leaks;

/// <summary>
/// Revokes what the public revoke endpoint recorded (<see cref="Data.Leaks.PendingLeakReport"/>), right
/// after the answer, and at start for anything a crash left behind. Handling a report twice is harmless:
/// a token already marked leaked stays as it is.
/// </summary>
public sealed partial class LeakReportWorker(
    IServiceScopeFactory scopes, NotificationDelivery notifications, TimeProvider time, ILogger<LeakReportWorker> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _draining = new(1, 1);
    private readonly WakeSignal _wake = new();

    /// <summary>Asks for a pass now (reports were just recorded).</summary>
    public void Wake() => _wake.Wake();

    /// <summary>Handles every pending report; returns how many. One pass at a time on this node.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        await _draining.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DrainAllAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _draining.Release();
        }
    }

    private async Task<int> DrainAllAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            var batch = await db.PendingLeakReports.OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                if (handled > 0)
                {
                    notifications.Wake();
                }

                return handled;
            }

            var leaks = scope.ServiceProvider.GetRequiredService<ReportLeakedTokens>();
            foreach (var source in batch.GroupBy(r => r.Ip))
            {
                await leaks.ExecuteAsync(source.Select(r => r.Hash).ToList(), "reported publicly (POST /api/credentials/revoke)", "public", source.Key, cancellationToken)
                    .ConfigureAwait(false);
            }

            var last = batch[^1].Id;
            await db.PendingLeakReports.Where(r => r.Id <= last).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            handled += batch.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(ex);
            }

            await _wake.WaitAsync(Interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Revoking publicly reported tokens failed; it is tried again shortly")]
    private partial void LogPassFailed(Exception exception);
}
