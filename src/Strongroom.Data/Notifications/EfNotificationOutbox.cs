using Strongroom.Core.Notifications;

namespace Strongroom.Data.Notifications;

/// <summary>Adds outbox rows to the request's database context: the next save stores them with their cause.</summary>
public sealed class EfNotificationOutbox(StrongroomDb db) : INotificationOutbox
{
    public void Enqueue(OutboxMessage message) => db.Outbox.Add(message);
}
