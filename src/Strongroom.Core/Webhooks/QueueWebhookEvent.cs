using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Strongroom.Core.Notifications;

namespace Strongroom.Core.Webhooks;

/// <summary>
/// Queues one event to every webhook of a user or an organization, in the caller's unit of work (the outbox
/// row is saved with its cause, or not at all). One outbox row per (webhook, cause) under a unique key, so a
/// cause handled twice queues nothing more. The body is fixed here, once: every retry sends the same bytes
/// under the same delivery id, and a receiver can drop a copy it already has.
/// </summary>
/// <remarks>
/// Organization events (none yet: leak alerts on org repositories will be the first) call
/// <see cref="ExecuteAsync"/> with the organization's id; its admins' webhooks registered under
/// <c>/api/organizations/{org}/settings/webhooks</c> receive them.
/// </remarks>
public sealed class QueueWebhookEvent(IWebhookStore store, INotificationOutbox outbox)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="ownerId">The user's or organization's id.</param>
    /// <param name="eventType">One of <see cref="WebhookEvents"/>.</param>
    /// <param name="cause">What happened, unique per event, e.g. <c>token.leak:{tokenId}</c>.</param>
    /// <param name="data">The event's fields (<c>data</c> in the body); never a secret.</param>
    /// <returns>How many webhooks the event was queued for.</returns>
    public async Task<int> ExecuteAsync(string ownerId, string eventType, string cause, object data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hooks = await store.ListForOwnerAsync(ownerId, cancellationToken).ConfigureAwait(false);
        foreach (var hook in hooks)
        {
            var key = $"webhook:{hook.Id}:{cause}";
            var deliveryId = DeliveryId(key);
            var body = JsonSerializer.Serialize(new
            {
                id = deliveryId,
                type = eventType,
                createdAt = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                data,
            }, Json);
            outbox.Enqueue(new OutboxMessage
            {
                Key = key,
                Channel = NotificationChannels.Webhook,
                Recipient = hook.Id,
                Subject = eventType,
                Body = body,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        return hooks.Count;
    }

    /// <summary>The delivery id of an outbox key: the same on every attempt and after a restart.</summary>
    public static string DeliveryId(string outboxKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(outboxKey)).AsSpan(0, 16));
}
