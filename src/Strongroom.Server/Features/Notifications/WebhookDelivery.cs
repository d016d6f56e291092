using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Kms;
using Strongroom.Core.Notifications;
using Strongroom.Core.Secrets;
using Strongroom.Core.Webhooks;
using Strongroom.Data;
using Strongroom.Notifications.Webhooks;

namespace Strongroom.Server.Features.Notifications;

/// <summary>
/// One attempt at one webhook outbox row: opens the signing secret only for as long as it takes to sign,
/// sends, and records the attempt for the owner (saved by the caller with the outbox row's new state, so
/// the two agree).
/// </summary>
public sealed class WebhookDelivery(WebhookSender sender, WebhookSecretSealer sealer, TimeProvider time)
{
    /// <summary>What became of the attempt.</summary>
    /// <param name="Gone">The webhook was deleted; the row has nowhere to go.</param>
    /// <param name="Error">Why it failed; null when the receiver answered 2xx.</param>
    public sealed record Outcome(bool Gone, string? Error);

    public async Task<Outcome> DeliverAsync(StrongroomDb db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var hook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == message.Recipient, cancellationToken).ConfigureAwait(false);
        if (hook is null)
        {
            return new Outcome(true, null);
        }

        var body = Encoding.UTF8.GetBytes(message.Body);
        var deliveryId = QueueWebhookEvent.DeliveryId(message.Key);
        int? status = null;
        string? error;
        try
        {
            var signature = Sign(hook, body);
            status = await sender.SendAsync(new Uri(hook.Url), message.Subject, deliveryId, body, signature, cancellationToken).ConfigureAwait(false);
            error = status is >= 200 and < 300 ? null : $"HTTP {status}";
        }
        catch (Exception ex) when (ex is HttpRequestException or SecretIntegrityException or KmsKeyStateException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            error = ex is TaskCanceledException ? "timed out" : Describe(ex);
        }

        db.WebhookDeliveries.Add(new WebhookDeliveryAttempt
        {
            WebhookId = hook.Id,
            DeliveryId = deliveryId,
            Event = message.Subject,
            Attempt = message.Attempts + 1,
            At = time.GetUtcNow(),
            StatusCode = status,
            Error = error,
            Delivered = error is null,
        });
        return new Outcome(false, error);
    }

    private string Sign(Webhook hook, byte[] body)
    {
        var secret = sealer.Open(hook.Id, hook.Sealed);
        try
        {
            return WebhookSignature.Compute(secret, body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static string Describe(Exception ex)
    {
        // The innermost message names the cause (connection refused, name not found), not the wrapper.
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var text = ex is SecretIntegrityException or KmsKeyStateException ? "the signing secret does not open" : inner.Message;
        return text.Length > 400 ? text[..400] : text;
    }
}
