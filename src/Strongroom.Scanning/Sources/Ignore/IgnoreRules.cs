namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>
/// Everything that decides whether a path under one scanned root is skipped, in git's order of
/// precedence: <c>--exclude</c> patterns first, then the ignore files of the directories from the
/// deepest up, then <c>.git/info/exclude</c>; and the <c>--include</c> patterns, which a file or
/// one of its directories must match.
/// </summary>
internal sealed class IgnoreRules
{
    private readonly IgnoreMatcher? _exclude;
    private readonly IgnoreMatcher? _include;
    private readonly IgnoreMatcher[] _repositoryFiles;

    public IgnoreRules(FileSelection selection, IReadOnlyList<IgnoreMatcher> repositoryFiles)
    {
        _exclude = selection.Exclude.Count == 0 ? null : new IgnoreMatcher(selection.Exclude);
        _include = selection.Include.Count == 0 ? null : new IgnoreMatcher(selection.Include);
        _repositoryFiles = [.. repositoryFiles];
    }

    /// <summary>True when nothing can exclude a path (no patterns at all, ignore files aside).</summary>
    public bool HasIncludes => _include is not null;

    /// <summary>True when <paramref name="relativePath"/> is skipped, given the directory's ignore files.</summary>
    public bool IsExcluded(ReadOnlySpan<char> relativePath, bool isDirectory, IgnoreStack directoryFiles)
    {
        var decision = _exclude?.Match(relativePath, isDirectory) ?? IgnoreDecision.None;
        if (decision == IgnoreDecision.None)
        {
            decision = directoryFiles.Decide(relativePath, isDirectory);
        }

        for (var i = 0; decision == IgnoreDecision.None && i < _repositoryFiles.Length; i++)
        {
            decision = _repositoryFiles[i].Match(relativePath, isDirectory);
        }

        return decision == IgnoreDecision.Ignore;
    }

    /// <summary>True when an <c>--include</c> pattern matches the path itself (a file, or a directory whose files all count).</summary>
    public bool IsIncluded(ReadOnlySpan<char> relativePath, bool isDirectory) =>
        _include is null || _include.Match(relativePath, isDirectory) == IgnoreDecision.Ignore;

    /// <summary>True when an <c>--include</c> pattern matches the file or one of its directories.</summary>
    public bool IsIncludedWithParents(ReadOnlySpan<char> relativeFile)
    {
        if (_include is null || IsIncluded(relativeFile, isDirectory: false))
        {
            return true;
        }

        for (var slash = relativeFile.IndexOf('/'); slash >= 0; slash = NextSlash(relativeFile, slash))
        {
            if (IsIncluded(relativeFile[..slash], isDirectory: true))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextSlash(ReadOnlySpan<char> path, int slash)
    {
        var next = path[(slash + 1)..].IndexOf('/');
        return next < 0 ? -1 : slash + 1 + next;
    }
}
