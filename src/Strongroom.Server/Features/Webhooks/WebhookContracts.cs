namespace Strongroom.Server.Features.Webhooks;

/// <summary>The wire shapes of <c>/api/settings/webhooks</c> and <c>/api/organizations/{org}/settings/webhooks</c>.</summary>
public static class WebhookContracts
{
    public sealed record CreateWebhookRequest(string? Url, string? Description);

    /// <summary>A registered webhook, as listed: never its secret.</summary>
    public sealed record WebhookView(string Id, string Url, string? Description, DateTimeOffset CreatedAt);

    /// <summary>The answer to a registration: the only time the signing secret is shown.</summary>
    public sealed record CreatedWebhookView(string Id, string Url, string? Description, DateTimeOffset CreatedAt, string Secret);

    /// <summary>One delivery attempt: status code or error, attempt number, and whether it was delivered.</summary>
    public sealed record DeliveryView(string DeliveryId, string Event, int Attempt, DateTimeOffset At, int? StatusCode, string? Error, bool Delivered);
}
