using MAB.DotIgnore;

namespace Strongroom.Scanning.Sources;

/// <summary>
/// Lists the files under a directory the way git would see them: <c>.gitignore</c> and
/// <c>.strongroomignore</c> files are honoured at every level, <c>.git</c> is skipped and symbolic links
/// are not followed.
/// </summary>
public static class FileTree
{
    private static readonly string[] IgnoreFiles = [".gitignore", ".strongroomignore"];

    /// <summary>Every file under <paramref name="root"/> that no ignore file excludes.</summary>
    public static IEnumerable<string> Enumerate(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var pending = new Stack<(DirectoryInfo Directory, IReadOnlyList<(string Base, IgnoreList List)> Ignores)>();
        pending.Push((new DirectoryInfo(root), []));
        while (pending.Count > 0)
        {
            var (directory, inherited) = pending.Pop();
            var ignores = WithLocalIgnores(directory, inherited);
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                var isDirectory = entry is DirectoryInfo;
                if (isDirectory && entry.Name == ".git")
                {
                    continue;
                }

                if (IsIgnored(ignores, entry.FullName, isDirectory))
                {
                    continue;
                }

                // Symbolic links are not followed (as git does not): the attributes come with the
                // directory listing, so this costs no system call.
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    continue;
                }

                if (entry is DirectoryInfo subdirectory)
                {
                    pending.Push((subdirectory, ignores));
                }
                else
                {
                    yield return entry.FullName;
                }
            }
        }
    }

    private static IReadOnlyList<(string Base, IgnoreList List)> WithLocalIgnores(
        DirectoryInfo directory, IReadOnlyList<(string Base, IgnoreList List)> inherited)
    {
        List<(string, IgnoreList)>? local = null;
        foreach (var name in IgnoreFiles)
        {
            var path = Path.Combine(directory.FullName, name);
            if (File.Exists(path))
            {
                local ??= [.. inherited];
                local.Add((directory.FullName, new IgnoreList(File.ReadAllLines(path), MatchFlags.PATHNAME)));
            }
        }

        return local ?? inherited;
    }

    private static bool IsIgnored(IReadOnlyList<(string Base, IgnoreList List)> ignores, string fullName, bool isDirectory)
    {
        foreach (var (baseDirectory, list) in ignores)
        {
            var relative = Path.GetRelativePath(baseDirectory, fullName).Replace('\\', '/');
            if (list.IsIgnored(relative, isDirectory))
            {
                return true;
            }
        }

        return false;
    }
}
