using Microsoft.Extensions.Caching.Memory;
using Strongroom.Git.Storage;

namespace Strongroom.Git.Content;

/// <summary>
/// Tree listings and file lists at a revision, for the API. What a commit id names never changes, so both are
/// kept in a bounded memory cache keyed by the hub repository's id, the commit and the path; a branch or
/// <c>HEAD</c> is resolved on every call from the ref files (<see cref="RefFiles"/>), so a push or a commit shows
/// on the next request. Only a miss (a commit not seen yet, a tag, a name libgit2 must resolve) opens the
/// repository. An entry exists only for a commit libgit2 found in that repository, so a cached commit id is
/// never served for a repository that lacks it; a repository deleted and created again has a new id.
/// </summary>
public sealed class RevisionReader : IDisposable
{
    /// <summary>How long an entry is kept: a commit forced out of a branch (and later pruned by git) stops being listed from the cache by then.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache? _cache;
    private readonly long _largestEntry;

    /// <param name="capacity">Entries (files and directories) kept across all listings; 0 turns the cache off.</param>
    public RevisionReader(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });

            // One huge listing would push out every other; it is read from git each time instead.
            _largestEntry = Math.Max(1, capacity / 8);
        }
    }

    /// <summary>The listing under <paramref name="path"/> at <paramref name="revision"/>.</summary>
    public TreeListing Tree(GitRepo git, string repoId, string revision, string? path, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(revision);
        if (Known(git, revision) is { } known && _cache!.Get<TreeListing>(new ListingKey(repoId, known, path ?? "", recursive)) is { } cached)
        {
            return cached;
        }

        using var content = GitContent.Open(git);
        if (content.Resolve(revision) is not { } sha)
        {
            return TreeListing.NoRevision;
        }

        var listing = new TreeListing(sha, content.List(sha, path, recursive));
        Keep(new ListingKey(repoId, sha, path ?? "", recursive), listing, listing.Items?.Count ?? 0);
        return listing;
    }

    /// <summary>The commit <paramref name="revision"/> names, its time and every file's path, or null when there is no such revision.</summary>
    public RevisionFiles? Files(GitRepo git, string repoId, string revision)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(revision);
        if (Known(git, revision) is { } known && _cache!.Get<RevisionFiles>(new FilesKey(repoId, known)) is { } cached)
        {
            return cached;
        }

        using var content = GitContent.Open(git);
        if (content.Resolve(revision) is not { } sha)
        {
            return null;
        }

        var files = new RevisionFiles(sha, content.CommitTime(sha), content.Files(sha));
        Keep(new FilesKey(repoId, sha), files, files.Paths.Count);
        return files;
    }

    public void Dispose() => _cache?.Dispose();

    /// <summary>The commit to look for in the cache: the revision itself when it is a commit id, else what the ref files say; null without a cache.</summary>
    private string? Known(GitRepo git, string revision) =>
        _cache is null ? null : RefFiles.IsFullId(revision) ? revision.ToLowerInvariant() : RefFiles.TryResolve(git.Path, revision);

    private void Keep(object key, object value, int count)
    {
        if (_cache is not null && count < _largestEntry)
        {
            _cache.Set(key, value, new MemoryCacheEntryOptions { Size = count + 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }
    }

    private sealed record ListingKey(string RepoId, string Sha, string Path, bool Recursive);

    private sealed record FilesKey(string RepoId, string Sha);
}
