using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Notifications;
using Strongroom.Data;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Notifications;

/// <summary>
/// Delivers the outbox: due messages in order, each marked delivered right after its channel took it, failures
/// retried with exponential backoff (30 s doubling to 6 h). A crash after the cause and before delivery
/// delivers at the next start; each email carries its outbox key as Message-ID, so a copy sent twice (a crash
/// between sending and marking) is recognizable. Without SMTP configured, messages wait, and a warning says so
/// once the first one is waiting.
/// </summary>
public sealed partial class NotificationDelivery(IServiceScopeFactory scopes, IEmailSender email, TimeProvider time, ILogger<NotificationDelivery> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastRetry = TimeSpan.FromHours(6);
    private readonly WakeSignal _wake = new();
    private bool _warnedEmailOff;

    /// <summary>Asks for a pass now (a message was just queued).</summary>
    public void Wake() => _wake.Wake();

    /// <summary>Delivers what is due; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var now = time.GetUtcNow();
        if (!email.IsConfigured)
        {
            // Said when it matters, once: a start without email configured stays quiet until a message waits.
            if (!_warnedEmailOff && await db.Outbox.AnyAsync(m => m.DeliveredAt == null, cancellationToken).ConfigureAwait(false))
            {
                _warnedEmailOff = true;
                LogEmailOff();
            }

            return 0;
        }

        var due = await db.Outbox.Where(m => m.DeliveredAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        var delivered = 0;
        foreach (var message in due)
        {
            try
            {
                await email.SendAsync(message.Recipient, message.Subject, message.Body, MessageId(message), cancellationToken).ConfigureAwait(false);
                message.DeliveredAt = time.GetUtcNow();
                message.LastError = null;
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.Attempts++;
                var wait = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << Math.Min(message.Attempts - 1, 20), LastRetry.Ticks));
                message.NextAttemptAt = time.GetUtcNow() + wait;
                message.LastError = ex.GetType().Name + ": " + (ex.Message.Length > 400 ? ex.Message[..400] : ex.Message);
                LogDeliveryFailed(message.Id, message.Attempts, wait, ex.Message);
            }

            // Marked one by one: a crash loses at most the mark of the message being sent.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return delivered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken).ConfigureAwait(false) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(ex);
            }

            await _wake.WaitAsync(Interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private static string MessageId(OutboxMessage message) => $"{message.Key.Replace(':', '.')}@strongroom";

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification is waiting but email is not configured (Smtp:Host): notifications are kept in the outbox and sent once it is")]
    private partial void LogEmailOff();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} not delivered (attempt {Attempts}); next try in {Wait}: {Reason}")]
    private partial void LogDeliveryFailed(long id, int attempts, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering notifications failed; it is tried again shortly")]
    private partial void LogPassFailed(Exception exception);
}
