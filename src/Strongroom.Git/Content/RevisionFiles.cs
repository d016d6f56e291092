namespace Strongroom.Git.Content;

/// <summary>The commit a revision names, its committer's time, and every file's path there (the hub's <c>siblings</c>).</summary>
public sealed record RevisionFiles(string Sha, DateTimeOffset Committed, IReadOnlyList<string> Paths);
