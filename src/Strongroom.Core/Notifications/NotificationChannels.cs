namespace Strongroom.Core.Notifications;

/// <summary>The ways a notification reaches someone.</summary>
public static class NotificationChannels
{
    public const string Email = "email";
}
