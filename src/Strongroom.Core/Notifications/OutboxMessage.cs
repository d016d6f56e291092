namespace Strongroom.Core.Notifications;

/// <summary>
/// A notification waiting to be delivered, written in the same transaction as the event that causes it, so
/// that a crash cannot lose it nor, on retry of the cause, double it: <see cref="Key"/> is unique per
/// recipient and cause. It never holds a secret or a token.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Recipient and cause, e.g. <c>token.leak:{tokenId}:{userId}</c>; unique.</summary>
    public required string Key { get; init; }

    /// <summary><see cref="NotificationChannels"/>.</summary>
    public required string Channel { get; init; }

    /// <summary>An email address for <c>email</c>.</summary>
    public required string Recipient { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Why the last attempt failed, for the operator (never a credential).</summary>
    public string? LastError { get; set; }
}
