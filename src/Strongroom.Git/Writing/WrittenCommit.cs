namespace Strongroom.Git.Writing;

/// <summary>A commit written to the object store and held by a pending ref until a branch is moved to it.</summary>
public sealed record WrittenCommit(string Sha, string PendingRef);
