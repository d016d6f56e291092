namespace Strongroom.Git.Push;

/// <summary>The gate's answer to a push: whether its refs may move, and the lines git shows the pusher as <c>remote:</c>.</summary>
public sealed record PushVerdict(bool Allowed, IReadOnlyList<string> Messages)
{
    public static PushVerdict Allow(IReadOnlyList<string>? messages = null) => new(true, messages ?? []);

    public static PushVerdict Refuse(IReadOnlyList<string> messages) => new(false, messages);
}
