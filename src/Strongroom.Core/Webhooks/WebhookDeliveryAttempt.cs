namespace Strongroom.Core.Webhooks;

/// <summary>
/// One try at delivering an event to a webhook, kept for its owner to see (<c>/deliveries</c>): when, which
/// attempt, the HTTP status or the error, and whether it counted as delivered. Never the body or the secret.
/// </summary>
public sealed class WebhookDeliveryAttempt
{
    public long Id { get; set; }

    public required string WebhookId { get; init; }

    /// <summary>The delivery id sent as <c>X-Strongroom-Delivery</c>, the same on every attempt of one event.</summary>
    public required string DeliveryId { get; init; }

    public required string Event { get; init; }

    public int Attempt { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The receiver's HTTP status; null when no answer came (refused, timed out).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why it failed, for the owner: a network error or a non-2xx status; null when delivered.</summary>
    public string? Error { get; init; }

    public bool Delivered { get; init; }
}
