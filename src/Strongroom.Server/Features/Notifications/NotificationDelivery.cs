using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Notifications;
using Strongroom.Data;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Notifications;

/// <summary>
/// Delivers the outbox: due messages in order, each marked delivered right after its channel took it, failures
/// retried with exponential backoff (30 s doubling to 6 h). A crash after the cause and before delivery
/// delivers at the next start; each email carries its outbox key as Message-ID, so a copy sent twice (a crash
/// between sending and marking) is recognizable, as each webhook POST carries its delivery id. Without SMTP
/// configured, emails wait, and a warning says so once the first one is waiting; webhooks go regardless.
/// </summary>
public sealed partial class NotificationDelivery(
    IServiceScopeFactory scopes, IEmailSender email, WebhookDelivery webhooks, TimeProvider time, ILogger<NotificationDelivery> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastRetry = TimeSpan.FromHours(6);
    private readonly WakeSignal _wake = new();
    private readonly SemaphoreSlim _delivering = new(1, 1);
    private bool _warnedEmailOff;

    /// <summary>Asks for a pass now (a message was just queued).</summary>
    public void Wake() => _wake.Wake();

    /// <summary>Delivers what is due; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        // One pass at a time on this node and, on PostgreSQL, across the fleet: two passes reading the same
        // due rows would both send them.
        await _delivering.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            await using var fleet = await FleetLock.TryAcquireAsync(db, FleetLock.NotificationDelivery, cancellationToken).ConfigureAwait(false);
            return fleet is null ? 0 : await DeliverAsync(db, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _delivering.Release();
        }
    }

    private async Task<int> DeliverAsync(StrongroomDb db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var emailOn = email.IsConfigured;
        // Said when it matters, once: a start without email configured stays quiet until an email waits.
        if (!emailOn && !_warnedEmailOff
            && await db.Outbox.AnyAsync(m => m.DeliveredAt == null && m.Channel == NotificationChannels.Email, cancellationToken).ConfigureAwait(false))
        {
            _warnedEmailOff = true;
            LogEmailOff();
        }

        var due = await db.Outbox.Where(m => m.DeliveredAt == null && m.NextAttemptAt <= now && (emailOn || m.Channel != NotificationChannels.Email))
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        var delivered = 0;
        foreach (var message in due)
        {
            try
            {
                if (message.Channel == NotificationChannels.Webhook)
                {
                    var outcome = await webhooks.DeliverAsync(db, message, cancellationToken).ConfigureAwait(false);
                    if (outcome.Gone)
                    {
                        // Its owner deleted the webhook: nobody is left to tell.
                        db.Outbox.Remove(message);
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (outcome.Error is { } error)
                    {
                        Fail(message, error);
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }
                else
                {
                    await email.SendAsync(message.Recipient, message.Subject, message.Body, MessageId(message), cancellationToken).ConfigureAwait(false);
                }

                message.DeliveredAt = time.GetUtcNow();
                message.LastError = null;
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(message, ex.GetType().Name + ": " + ex.Message);
            }

            // Marked one by one: a crash loses at most the mark of the message being sent.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return delivered;
    }

    /// <summary>Schedules the next try: 30 s, doubling to 6 h.</summary>
    private void Fail(OutboxMessage message, string reason)
    {
        message.Attempts++;
        var wait = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << Math.Min(message.Attempts - 1, 20), LastRetry.Ticks));
        message.NextAttemptAt = time.GetUtcNow() + wait;
        message.LastError = reason.Length > 400 ? reason[..400] : reason;
        LogDeliveryFailed(message.Id, message.Attempts, wait, message.LastError);
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

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A notification is waiting but email is not configured (Smtp:Host): notifications are kept in the outbox and sent once it is")]
    private partial void LogEmailOff();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} not delivered (attempt {Attempts}); next try in {Wait}: {Reason}")]
    private partial void LogDeliveryFailed(long id, int attempts, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering notifications failed; it is tried again shortly")]
    private partial void LogPassFailed(Exception exception);
}
