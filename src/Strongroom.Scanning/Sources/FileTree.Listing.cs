using Strongroom.Scanning.Sources.Ignore;

namespace Strongroom.Scanning.Sources;

/// <summary>Git's listing of a work tree, filtered by .strongroomignore files and --exclude/--include as it streams.</summary>
public static partial class FileTree
{
    private static IEnumerable<string> FromListing(string fullRoot, IEnumerable<string> listed, FileSelection selection)
    {
        var rules = new IgnoreRules(selection, []);

        // Each directory's state once: excluded or not, and the .strongroomignore files in force.
        var directories = new Dictionary<string, (bool Excluded, IgnoreStack Ignores)>(StringComparer.Ordinal);
        (bool Excluded, IgnoreStack Ignores) State(string directory)
        {
            if (directories.TryGetValue(directory, out var known))
            {
                return known;
            }

            (bool Excluded, IgnoreStack Ignores) state;
            if (directory.Length == 0)
            {
                state = (false, IgnoreStack.Empty);
            }
            else
            {
                var slash = directory.LastIndexOf('/');
                var parent = State(slash < 0 ? "" : directory[..slash]);
                state = (parent.Excluded || rules.IsExcluded(directory, isDirectory: true, parent.Ignores), parent.Ignores);
            }

            // Looked up per directory (one stat each), since the listing streams: a .strongroomignore
            // that git ignores still counts.
            if (!state.Excluded && File.Exists(Path.Join(fullRoot, directory, StrongroomIgnore)))
            {
                state.Ignores = Push(state.Ignores, Path.Join(fullRoot, directory, StrongroomIgnore), directory);
            }

            directories[directory] = state;
            return state;
        }

        return listed.Where(path =>
        {
            var slash = path.LastIndexOf('/');
            var (excluded, ignores) = State(slash < 0 ? "" : path[..slash]);
            return !excluded && !rules.IsExcluded(path, isDirectory: false, ignores) && rules.IsIncludedWithParents(path);
        }).Select(path => Path.Join(fullRoot, path));
    }
}
