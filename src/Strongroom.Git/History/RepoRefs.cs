using Strongroom.Git.Process;
using Strongroom.Git.Storage;

namespace Strongroom.Git.History;

/// <summary>What a repository's branches and tags point at, and where a blob first appeared.</summary>
public static class RepoRefs
{
    /// <summary>The commits every branch and tag points at (annotated tags peeled), sorted and distinct.</summary>
    public static async Task<IReadOnlyList<string>> TipsAsync(GitRepo repo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var output = await GitCommand.RunAsync(["--git-dir=" + repo.Path, "for-each-ref", "--format=%(objectname) %(*objectname)", "refs/heads", "refs/tags"],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
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
