using Strongroom.Core.Tokens;

namespace Strongroom.Core.Webhooks;

/// <summary>
/// The <c>data</c> of a <c>token.leaked</c> event: which token (never its value), where it was found, what
/// was done and what the owner should do next, as the email says it.
/// </summary>
public sealed record TokenLeakedData(TokenLeakedData.TokenRef Token, string FoundIn, string ActionTaken, DateTimeOffset RevokedAt, IReadOnlyList<string> NextSteps)
{
    public sealed record TokenRef(string Id, string Name, string Last4);

    public static TokenLeakedData For(AccessToken token, string where, DateTimeOffset now) => new(
        new TokenRef(token.Id, token.DisplayName, token.Last4),
        where,
        "revoked",
        now,
        [
            "Remove the token from where it was found (and from its history, if it is in a git repository).",
            "Create a new fine-grained token with only the permissions you need, and keep it in a secret store, not in code.",
            "Check your recent activity for anything you did not do.",
        ]);
}
