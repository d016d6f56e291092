using System.Globalization;
using Strongroom.Core.Hub;
using Strongroom.Core.Leaks;

namespace Strongroom.Core.Notifications;

/// <summary>The message to a repository's owner (or each admin of its org) about a secret found in it: what, where, what to do.</summary>
public static class LeakAlertNotice
{
    public static OutboxMessage For(LeakAlert alert, User recipient, DateTimeOffset now) => new()
    {
        Key = $"leak.alert:{alert.Id}:{recipient.Id}",
        Channel = NotificationChannels.Email,
        Recipient = recipient.Email,
        Subject = $"A secret was found in the public repository {alert.Repository}",
        Body = string.Create(CultureInfo.InvariantCulture, $"""
            Hello {recipient.Name},

            A {alert.Description} (rule {alert.RuleId}) is in the public repository {alert.Repository}:

                {alert.Path}, line {alert.Line}{(alert.Commit is null ? "" : $", added in commit {alert.Commit}")}

            Anyone can read it there. This hub did not issue it, so it cannot revoke it for you.

            What to do next:
            - Revoke or rotate it where it was issued, now: assume it has been copied.
            - Remove it from the repository and from its history.
            - Then mark the alert (id {alert.Id}): strongroom leaks resolve {alert.Id}, or as a false positive with --state false-positive.

            This message does not contain the secret (its fingerprint is {alert.Fingerprint}).
            """),
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
