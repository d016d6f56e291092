using System.Text.RegularExpressions;
using LibGit2Sharp;
using Strongroom.Git.Storage;
using Strongroom.Git.Writing;

namespace Strongroom.Git.Content;

/// <summary>
/// Reads a repository in-process through libgit2: resolving a revision, listing trees, opening files. A
/// read costs microseconds this way, where starting a git process costs milliseconds. Open one per request
/// and dispose it after the response is written: the file streams it hands out read from its memory.
/// </summary>
public sealed partial class GitContent : IDisposable
{
    private readonly LibGit2Sharp.Repository _repo;

    private GitContent(LibGit2Sharp.Repository repo) => _repo = repo;

    public static GitContent Open(GitRepo repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return new GitContent(new LibGit2Sharp.Repository(repo.Path));
    }

    /// <summary>
    /// The commit that <paramref name="revision"/> names: <c>HEAD</c>, a branch, a tag or a full commit id.
    /// Nothing else git's rev-parse accepts (<c>main~3</c>, <c>:/text</c> searches) is taken from a client.
    /// </summary>
    public string? Resolve(string revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        if (revision == "HEAD")
        {
            return _repo.Head?.Tip?.Sha;
        }

        if (FullOid().IsMatch(revision))
        {
            return _repo.Lookup<Commit>(new ObjectId(revision.ToLowerInvariant()))?.Sha;
        }

        if (!BranchName.IsValid(revision))
        {
            return null;
        }

        var reference = _repo.Refs["refs/heads/" + revision] ?? _repo.Refs["refs/tags/" + revision];
        return reference?.ResolveToDirectReference()?.Target?.Peel<Commit>()?.Sha;
    }

    /// <summary>The commit <c>refs/heads/{branch}</c> points at, or null.</summary>
    public string? BranchHead(string branch) =>
        BranchName.IsValid(branch) ? _repo.Refs["refs/heads/" + branch]?.ResolveToDirectReference()?.Target?.Peel<Commit>()?.Sha : null;

    /// <summary>The commit's time, as its committer gave it.</summary>
    public DateTimeOffset CommitTime(string sha) => _repo.Lookup<Commit>(sha).Committer.When;

    /// <summary>The entries under <paramref name="path"/> (the root when empty) at the commit, or null when that is not a directory.</summary>
    public IReadOnlyList<TreeItem>? List(string sha, string? path, bool recursive)
    {
        var tree = TreeAt(sha, path);
        if (tree is null)
        {
            return null;
        }

        var items = new List<TreeItem>();
        Walk(tree, string.IsNullOrEmpty(path) ? "" : path.TrimEnd('/') + "/", recursive, items);
        return items;
    }

    /// <summary>Every file's path at the commit (the hub's <c>siblings</c>).</summary>
    public IReadOnlyList<string> Files(string sha)
    {
        var files = new List<string>();
        Collect(_repo.Lookup<Commit>(sha).Tree, "", files);
        return files;
    }

    /// <summary>The file at <paramref name="path"/>, or null when there is none (absent, or a directory).</summary>
    public RepoFile? OpenFile(string sha, string path)
    {
        var entry = _repo.Lookup<Commit>(sha)?.Tree[path];
        if (entry?.TargetType != TreeEntryTargetType.Blob)
        {
            return null;
        }

        var blob = (Blob)entry.Target;
        return new RepoFile(blob.Sha, blob.Size, blob.GetContentStream());
    }

    /// <summary>Whether <paramref name="path"/> names a file, a directory, or nothing at the commit.</summary>
    public TreeEntryKind KindOf(string sha, string path)
    {
        var entry = _repo.Lookup<Commit>(sha)?.Tree[path];
        return entry?.TargetType switch
        {
            TreeEntryTargetType.Blob => TreeEntryKind.File,
            TreeEntryTargetType.Tree => TreeEntryKind.Directory,
            _ => TreeEntryKind.None,
        };
    }

    public void Dispose() => _repo.Dispose();

    private Tree? TreeAt(string sha, string? path)
    {
        var root = _repo.Lookup<Commit>(sha)?.Tree;
        if (root is null || string.IsNullOrEmpty(path))
        {
            return root;
        }

        return root[path.TrimEnd('/')]?.Target as Tree;
    }

    private void Walk(Tree tree, string prefix, bool recursive, List<TreeItem> items)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            switch (entry.Target)
            {
                case Tree subtree:
                    items.Add(new TreeItem("directory", subtree.Sha, 0, path));
                    if (recursive)
                    {
                        Walk(subtree, path + "/", recursive, items);
                    }

                    break;
                case Blob blob:
                    // The header alone: reading Blob.Size would inflate the whole object.
                    items.Add(new TreeItem("file", blob.Sha, _repo.ObjectDatabase.RetrieveObjectMetadata(blob.Id).Size, path));
                    break;
            }
        }
    }

    private static void Collect(Tree tree, string prefix, List<string> files)
    {
        foreach (var entry in tree)
        {
            if (entry.Target is Tree subtree)
            {
                Collect(subtree, prefix + entry.Name + "/", files);
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob)
            {
                files.Add(prefix + entry.Name);
            }
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex FullOid();
}
