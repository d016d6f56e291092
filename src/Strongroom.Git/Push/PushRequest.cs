namespace Strongroom.Git.Push;

/// <summary>What git's pre-receive hook saw: the ref updates, where the pushed objects wait, and the push options (<c>git push -o</c>).</summary>
public sealed record PushRequest(string QuarantinePath, IReadOnlyList<RefUpdate> Updates, IReadOnlyList<string> Options);
