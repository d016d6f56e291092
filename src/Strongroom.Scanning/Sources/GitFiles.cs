namespace Strongroom.Scanning.Sources;

/// <summary>
/// The files of a git work tree as git sees them: every tracked file (the index is the truth, so a
/// file committed despite an ignore pattern is listed) and the untracked files that no ignore file,
/// <c>.git/info/exclude</c> or global excludes file excludes. Submodules and nested repositories are
/// listed as their own work trees.
/// </summary>
internal static class GitFiles
{
    private const string SymbolicLinkMode = "120000";
    private const string SubmoduleMode = "160000";

    /// <summary>The work tree that holds <paramref name="directory"/>, found by its <c>.git</c>, or null.</summary>
    public static string? FindWorkTree(string directory)
    {
        for (var current = directory; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            var marker = Path.Combine(current, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// Files under <paramref name="directory"/> (inside a work tree), relative to it with '/', as git
    /// lists them: tracked files stream while the (slower) untracked listing runs alongside, so the
    /// readers start at once. Throws <see cref="System.ComponentModel.Win32Exception"/> when git cannot
    /// be started and <see cref="GitException"/> when it fails (at the end of the listing).
    /// </summary>
    public static IEnumerable<string> List(string directory) => Collect(directory, "", untracked: true);

    /// <summary>
    /// True when git ignores <paramref name="directory"/> itself (a build or corpus folder inside a
    /// repository): git would list none of its untracked files, though the user asked for them.
    /// --no-index: a directory holding a tracked file would otherwise never count as ignored.
    /// </summary>
    public static bool IsIgnored(string directory)
    {
        using var process = GitCommand.Start(directory, redirectInput: false, "check-ignore", "-q", "--no-index", ".");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    /// <summary>The tracked files under <paramref name="directory"/> only, relative to it.</summary>
    public static List<string> ListTracked(string directory) => [.. Collect(directory, "", untracked: false)];

    private static IEnumerable<string> Collect(string directory, string prefix, bool untracked)
    {
        // Both listings at once: the index (with modes, to skip links and find submodules) streams
        // here; the untracked files, which git finds by walking the tree, are read alongside.
        using var cached = GitCommand.Start(directory, redirectInput: false, "ls-files", "-z", "--stage", "--cached");
        using var others = untracked ? GitCommand.Start(directory, redirectInput: false, "ls-files", "-z", "--others", "--exclude-standard") : null;
        var unknown = others is null ? Task.FromResult(new List<string>()) : Task.Run(() => GitCommand.Tokens(others.StandardOutput).ToList());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in GitCommand.Tokens(cached.StandardOutput))
        {
            // "<mode> <object> <stage>\t<path>"; a conflicted path has one entry per stage.
            var tab = entry.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                continue;
            }

            var path = entry[(tab + 1)..];
            var mode = entry.AsSpan(0, Math.Max(0, entry.IndexOf(' ', StringComparison.Ordinal)));
            if (mode.SequenceEqual(SymbolicLinkMode) || !seen.Add(path))
            {
                continue;
            }

            if (mode.SequenceEqual(SubmoduleMode))
            {
                foreach (var nested in CollectNested(directory, prefix, path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return prefix + path;
            }
        }

        GitCommand.Finish(cached);
        var paths = unknown.GetAwaiter().GetResult();
        if (others is not null)
        {
            GitCommand.Finish(others);
        }

        foreach (var path in paths)
        {
            if (path.EndsWith('/'))
            {
                // An untracked repository inside this one: git lists only its directory.
                foreach (var nested in CollectNested(directory, prefix, path.TrimEnd('/')))
                {
                    yield return nested;
                }
            }
            else if (new FileInfo(Path.Combine(directory, path)).LinkTarget is null)
            {
                yield return prefix + path;
            }
        }
    }

    private static IEnumerable<string> CollectNested(string directory, string prefix, string path)
    {
        var nested = Path.Combine(directory, path);
        var marker = Path.Combine(nested, ".git");
        return Directory.Exists(marker) || File.Exists(marker) ? Collect(nested, prefix + path + "/", untracked: true) : [];
    }
}
