namespace Strongroom.Server.Features.Repos.PushProtection;

/// <summary>
/// What the gate decided about a write: whether it may land, and the lines to show the writer (the commit
/// API's error or <c>hookOutput</c>, git's <c>remote:</c> lines). Never contains a secret.
/// </summary>
public sealed record PushDecision(bool Allowed, IReadOnlyList<string> Messages)
{
    public string Text => string.Join('\n', Messages);
}
