namespace Strongroom.Core.Notifications;

/// <summary>The ways a notification reaches someone.</summary>
public static class NotificationChannels
{
    public const string Email = "email";

    /// <summary>A signed JSON POST; the outbox row's recipient is the webhook id, its subject the event type.</summary>
    public const string Webhook = "webhook";
}
