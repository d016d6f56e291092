using System.Globalization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Notifications;

/// <summary>The message to a token's owner when it was found leaked: what, where, what was done, what to do next.</summary>
public static class LeakNotice
{
    public static OutboxMessage For(AccessToken token, User owner, string where, DateTimeOffset now) => new()
    {
        Key = $"token.leak:{token.Id}:{owner.Id}",
        Channel = NotificationChannels.Email,
        Recipient = owner.Email,
        Subject = $"Your access token \"{token.DisplayName}\" was leaked and has been revoked",
        Body = string.Create(CultureInfo.InvariantCulture, $"""
            Hello {owner.Name},

            Your access token "{token.DisplayName}" (ending in {token.Last4}, id {token.Id}) was found where others can read it:

                {where}

            What we did: the token was revoked at {now:yyyy-MM-dd HH:mm} UTC. It no longer works anywhere.

            What to do next:
            - Remove the token from the place above (and from its history, if it is in a git repository).
            - Create a new fine-grained token with only the permissions you need, and store it in a secret store, not in code.
            - Check your recent activity for anything you did not do.

            This message does not contain the token.
            """),
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
