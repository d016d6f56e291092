using System.IO.Enumeration;
using Strongroom.Scanning.Sources.Ignore;

namespace Strongroom.Scanning.Sources;

/// <summary>
/// Lists the files of a directory tree that a scan reads. In a git work tree, git's own listing:
/// every tracked file, whatever the ignore files say, and the untracked files they do not exclude.
/// Elsewhere (or without git) the <c>.gitignore</c> files decide, with <c>.git/info/exclude</c> when
/// the root holds a repository. <c>.strongroomignore</c> files and <c>--exclude</c> patterns apply on
/// top in both cases; <c>.git</c> is skipped and symbolic links are not followed.
/// </summary>
public static partial class FileTree
{
    private const string GitIgnore = ".gitignore";
    private const string StrongroomIgnore = ".strongroomignore";

    // Symbolic links are skipped from the directory listing's entry type (as git does not follow
    // them), and nothing here asks for attributes: FileSystemInfo.Attributes costs an lstat and a
    // geteuid per entry on Unix, a third of the system calls of a scan of a tree of small files.
    private static readonly EnumerationOptions Listing = new()
    {
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Every file under <paramref name="root"/> that a default scan reads (full paths).</summary>
    public static IEnumerable<string> Enumerate(string root) => Enumerate(root, FileSelection.Default, null);

    /// <summary>
    /// Every file under <paramref name="root"/> that <paramref name="selection"/> keeps (full paths).
    /// <paramref name="warn"/> hears when git is wanted but cannot be run (the ignore files then decide).
    /// </summary>
    public static IEnumerable<string> Enumerate(string root, FileSelection selection, Action<string>? warn)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(selection);
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var workTree = selection.NoIgnore || !selection.UseGit ? null : GitFiles.FindWorkTree(fullRoot);
        if (workTree is not null)
        {
            IEnumerable<string>? listed = null;
            var ignoredRoot = false;
            try
            {
                // A directory git ignores, asked for by name: its ignore files decide, but what is
                // tracked in it is still scanned.
                ignoredRoot = workTree != fullRoot && GitFiles.IsIgnored(fullRoot);
                listed = ignoredRoot ? GitFiles.ListTracked(fullRoot) : Started(GitFiles.List(fullRoot));
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or GitException)
            {
                warn?.Invoke($"{fullRoot} is in a git work tree but git could not list its files ({FirstLine(e.Message)}); "
                    + "the ignore files decide instead, so files committed despite them are not scanned");
            }

            if (listed is not null && !ignoredRoot)
            {
                return FromListing(fullRoot, listed, selection);
            }

            if (listed is not null)
            {
                var walked = Walk(fullRoot, selection, new IgnoreRules(selection, []));
                return walked.Concat(FromListing(fullRoot, listed, selection)).Distinct(StringComparer.Ordinal);
            }
        }

        var repositoryFiles = new List<IgnoreMatcher>();
        var infoExclude = Path.Combine(fullRoot, ".git", "info", "exclude");
        if (!selection.NoIgnore && File.Exists(infoExclude))
        {
            repositoryFiles.Add(IgnoreMatcher.FromFile(infoExclude));
        }

        return Walk(fullRoot, selection, new IgnoreRules(selection, repositoryFiles));
    }

    private static IEnumerable<string> Walk(string fullRoot, FileSelection selection, IgnoreRules rules)
    {
        var pending = new Stack<(string Directory, string Relative, IgnoreStack Ignores, bool Included)>();
        pending.Push((fullRoot, "", IgnoreStack.Empty, !rules.HasIncludes));
        while (pending.Count > 0)
        {
            var (directory, relative, inherited, included) = pending.Pop();
            List<Entry> entries;
            try
            {
                entries = [.. new FileSystemEnumerable<Entry>(
                    directory,
                    (ref FileSystemEntry entry) => new Entry(entry.FileName.ToString(), entry.IsDirectory),
                    Listing)];
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                continue;
            }

            var ignores = selection.NoIgnore ? inherited : WithLocalIgnores(directory, relative, entries, inherited);
            foreach (var entry in entries)
            {
                if (entry.IsDirectory && entry.Name == ".git")
                {
                    continue;
                }

                var path = relative.Length == 0 ? entry.Name : string.Concat(relative, "/", entry.Name);
                if (rules.IsExcluded(path, entry.IsDirectory, ignores))
                {
                    continue;
                }

                var entryIncluded = included || rules.IsIncluded(path, entry.IsDirectory);
                if (entry.IsDirectory)
                {
                    pending.Push((Path.Join(directory, entry.Name), path, ignores, entryIncluded));
                }
                else if (entryIncluded)
                {
                    yield return Path.Join(directory, entry.Name);
                }
            }
        }
    }

    // The directory's own listing says whether it has ignore files: no lookup per directory.
    // .strongroomignore is pushed last, so it overrides the .gitignore of its own directory.
    private static IgnoreStack WithLocalIgnores(string directory, string relative, List<Entry> entries, IgnoreStack inherited)
    {
        var ignores = inherited;
        foreach (var name in (ReadOnlySpan<string>)[GitIgnore, StrongroomIgnore])
        {
            if (entries.Exists(e => !e.IsDirectory && e.Name == name))
            {
                ignores = Push(ignores, Path.Join(directory, name), relative);
            }
        }

        return ignores;
    }

    private static IgnoreStack Push(IgnoreStack ignores, string file, string relativeDirectory)
    {
        try
        {
            return ignores.Push(IgnoreMatcher.FromFile(file), relativeDirectory.Length == 0 ? 0 : relativeDirectory.Length + 1);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // An unreadable ignore file ignores nothing: scanning more is the safe side.
            return ignores;
        }
    }

    // Takes the first file of a streamed listing here, so that git failing to start or to list (it
    // then lists nothing and fails at the end) is caught while falling back is still possible.
    private static IEnumerable<string> Started(IEnumerable<string> listing)
    {
        var files = listing.GetEnumerator();
        try
        {
            return Rest(files, files.MoveNext());
        }
        catch
        {
            files.Dispose();
            throw;
        }

        static IEnumerable<string> Rest(IEnumerator<string> files, bool any)
        {
            using (files)
            {
                for (var more = any; more; more = files.MoveNext())
                {
                    yield return files.Current;
                }
            }
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private readonly record struct Entry(string Name, bool IsDirectory);
}
