using Strongroom.Git.Writing;

namespace Strongroom.Server.Features.Repos.Commits;

/// <summary>A commit API request, read and checked: its header and its changes, with no path twice.</summary>
public sealed record CommitRequest(string Summary, string? Description, string? ParentCommit, IReadOnlyList<FileChange> Changes);
