using System.Text;
using Strongroom.Core.Hub;
using Strongroom.Git.Process;
using Strongroom.Git.Writing;

namespace Strongroom.Git.Storage;

/// <summary>
/// The bare git repositories under <c>&lt;data&gt;/repos/{models|datasets|spaces}/{namespace}/{name}.git</c>.
/// Each holds a file naming the hub repository id it was created for: a directory left behind by a
/// deletion that crashed half-way is never mistaken for a new repository of the same name (its content
/// would otherwise reappear), it is moved aside and a fresh one made.
/// </summary>
public sealed class GitRepositoryStore
{
    private const string IdFile = "strongroom-repo-id";

    public GitRepositoryStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = System.IO.Path.GetFullPath(root);
    }

    /// <summary>The directory holding every repository (and the hooks, under <c>.hooks</c>).</summary>
    public string Root { get; }

    public string PathOf(Repository repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        // Names were validated when the repository was created (letters, digits, '-', '_', '.', no "..").
        return System.IO.Path.Combine(Root, repo.Type.ToWord() + "s", repo.Namespace, repo.Name + ".git");
    }

    /// <summary>The repository's git directory, or null when it has none (created before repositories had content, or mid-deletion).</summary>
    public GitRepo? Find(Repository repo)
    {
        var path = PathOf(repo);
        return BelongsTo(path, repo.Id) ? new GitRepo(path) : null;
    }

    /// <summary>The repository's git directory, created with its first commit when missing.</summary>
    public async Task<GitRepo> EnsureAsync(Repository repo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        return Find(repo) ?? await CreateAsync(repo, at, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the bare repository with one commit (an empty <c>.gitattributes</c>, as the hub makes it), so
    /// that <c>main</c> exists from the start. Built aside and moved into place, so it appears whole or not at all.
    /// </summary>
    public async Task<GitRepo> CreateAsync(Repository repo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var path = PathOf(repo);
        if (BelongsTo(path, repo.Id))
        {
            return new GitRepo(path);
        }

        MoveAside(path);
        var incoming = System.IO.Path.Combine(Root, ".incoming", Guid.NewGuid().ToString("N") + ".git");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(incoming)!);
        try
        {
            await GitCommand.RunAsync(["init", "--quiet", "--bare", "--initial-branch=main", incoming], cancellationToken: cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(System.IO.Path.Combine(incoming, IdFile), repo.Id, cancellationToken).ConfigureAwait(false);
            var initial = new GitRepo(incoming);
            var commit = await GitCommitWriter.WriteAsync(initial, parent: null,
                [FileChange.Add(".gitattributes", "# Strongroom stores every file in git itself (no LFS).\n"u8.ToArray())],
                CommitAuthor.Hub, "initial commit", at, cancellationToken).ConfigureAwait(false);
            await GitCommitWriter.UpdateBranchAsync(initial, "main", commit.Sha, expected: null, commit.PendingRef, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            Directory.Move(incoming, path);
        }
        catch
        {
            DeleteQuietly(incoming);
            throw;
        }

        return new GitRepo(path);
    }

    /// <summary>
    /// Creates <paramref name="copy"/> holding <paramref name="source"/>'s branches and tags (a duplicated
    /// Space), or with a first commit of its own when the source has no content yet. Objects are hard-linked
    /// where the filesystem allows, so a copy costs little more than its refs.
    /// </summary>
    public async Task<GitRepo> CreateCopyAsync(Repository source, Repository copy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        if (Find(source) is not { } from)
        {
            return await CreateAsync(copy, at, cancellationToken).ConfigureAwait(false);
        }

        var path = PathOf(copy);
        MoveAside(path);
        var incoming = System.IO.Path.Combine(Root, ".incoming", Guid.NewGuid().ToString("N") + ".git");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(incoming)!);
        try
        {
            await GitCommand.RunAsync(["init", "--quiet", "--bare", "--initial-branch=main", incoming], cancellationToken: cancellationToken).ConfigureAwait(false);
            await GitCommand.RunAsync(["--git-dir=" + incoming, "fetch", "--quiet", "--no-tags", from.Path, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(System.IO.Path.Combine(incoming, IdFile), copy.Id, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            Directory.Move(incoming, path);
        }
        catch
        {
            DeleteQuietly(incoming);
            throw;
        }

        return new GitRepo(path);
    }

    /// <summary>Deletes the repository's git directory, if it is this repository's.</summary>
    public void Delete(Repository repo)
    {
        var path = PathOf(repo);
        if (BelongsTo(path, repo.Id))
        {
            MoveAside(path);
        }
    }

    private static bool BelongsTo(string path, string repoId)
    {
        // Every read of a repository's content asks this: one open and one read into the stack, no stream.
        var idPath = System.IO.Path.Combine(path, IdFile);
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (!File.Exists(idPath))
            {
                return false;
            }

            using var handle = File.OpenHandle(idPath);
            var length = RandomAccess.Read(handle, buffer, 0);
            var text = length < buffer.Length ? Encoding.UTF8.GetString(buffer[..length]) : File.ReadAllText(idPath);
            return string.Equals(text.Trim(), repoId, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Renames a directory out of the way (atomic), then deletes it; a crash leaves it under <c>.trash</c>, never in place.</summary>
    private void MoveAside(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        var trash = System.IO.Path.Combine(Root, ".trash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(trash)!);
        Directory.Move(path, trash);
        DeleteQuietly(trash);
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left under .incoming or .trash, which nothing reads; the next start may sweep them.
        }
    }
}
