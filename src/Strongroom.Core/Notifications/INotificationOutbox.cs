namespace Strongroom.Core.Notifications;

/// <summary>
/// Queues a notification in the current unit of work: it is stored by the same save that stores its cause
/// (a revocation, say), or not at all.
/// </summary>
public interface INotificationOutbox
{
    void Enqueue(OutboxMessage message);
}
