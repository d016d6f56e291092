using Strongroom.Git.Process;
using Strongroom.Git.Storage;

namespace Strongroom.Git.History;

/// <summary>What a repository's branches and tags point at, and where a blob first appeared.</summary>
public static class RepoRefs
{
    /// <summary>The commits every branch and tag points at (annotated tags peeled), sorted and distinct; read in-process.</summary>
    public static IReadOnlyList<string> Tips(GitRepo repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        using var git = new LibGit2Sharp.Repository(repo.Path);
        return [.. git.Refs
            .Where(r => r.CanonicalName.StartsWith("refs/heads/", StringComparison.Ordinal) || r.CanonicalName.StartsWith("refs/tags/", StringComparison.Ordinal))
            .Select(r => r.ResolveToDirectReference()?.Target?.Peel<LibGit2Sharp.Commit>()?.Sha)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Bytes of the repository's packs: a small repository is read by one git process, not one per core.</summary>
    public static long PackedBytes(GitRepo repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var packs = Path.Combine(repo.Path, "objects", "pack");
        return Directory.Exists(packs) ? Directory.EnumerateFiles(packs, "*.pack").Sum(f => new FileInfo(f).Length) : 0;
    }

    /// <summary>The oldest commit reachable from <paramref name="tips"/> that added <paramref name="blobOid"/>, or null.</summary>
    public static async Task<string?> IntroducedAsync(GitRepo repo, IEnumerable<string> tips, string blobOid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var output = await GitCommand.RunAsync(["--git-dir=" + repo.Path, "log", "--format=%H", "--reverse", "--find-object=" + blobOid, .. tips],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
    }
}
