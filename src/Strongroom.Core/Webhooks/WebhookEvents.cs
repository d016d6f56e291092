namespace Strongroom.Core.Webhooks;

/// <summary>The event types a webhook receives, sent as <c>X-Strongroom-Event</c> and as <c>type</c> in the body.</summary>
public static class WebhookEvents
{
    /// <summary>A token of the webhook's owner was found leaked and has been revoked.</summary>
    public const string TokenLeaked = "token.leaked";
}
