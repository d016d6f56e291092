namespace Strongroom.Core.Notifications;

/// <summary>Sends one email (SMTP in production). Throws when it could not hand the message over.</summary>
public interface IEmailSender
{
    /// <summary>Whether email is configured at all; when not, messages wait in the outbox.</summary>
    bool IsConfigured { get; }

    /// <param name="messageId">Stable per outbox message, so a receiver can drop a copy sent twice after a crash.</param>
    Task SendAsync(string to, string subject, string body, string messageId, CancellationToken cancellationToken);
}
