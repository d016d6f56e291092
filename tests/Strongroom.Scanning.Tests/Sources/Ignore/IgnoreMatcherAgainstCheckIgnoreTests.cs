using System.Diagnostics;
using Strongroom.Scanning.Sources;
using Strongroom.Scanning.Sources.Ignore;

namespace Strongroom.Scanning.Tests.Sources.Ignore;

/// <summary>
/// Git is the reference, path by path: random trees with random ignore files are asked about every
/// directory and file (those under ignored directories too) of the compiled matchers, stacked as the
/// walk stacks them, and of <c>git check-ignore --no-index -v -n</c>, and each answer must be git's.
/// Patterns are composed from random segments (literals, <c>?</c>, <c>*</c> heads and tails, sets,
/// ranges, negated sets, classes, escapes, <c>**</c>) with random negation, anchoring, <c>**/</c>
/// heads, <c>/**</c> tails, directory-only slashes, trailing spaces and CRLF, so the matcher meets
/// shapes no list written by hand would hold. Seeded, so a failure names a tree that can be replayed.
/// </summary>
public sealed class IgnoreMatcherAgainstCheckIgnoreTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Decide_RandomTreeAndPatterns_AgreesWithGitCheckIgnore(int seed)
    {
        for (var batch = 0; batch < 5; batch++)
        {
            // Arrange
            var random = new Random((seed * 101) + batch);
            using var repository = new GitRepository();
            var (directories, files) = BuildTree(repository, random);
            var paths = directories.Where(d => d.Length > 0).Concat(files).Order(StringComparer.Ordinal).ToList();

            // Act
            var git = CheckIgnore(repository.Path, paths);
            var matchers = new Matchers(repository.Path);
            var ours = paths.ToDictionary(p => p, p => matchers.IsIgnored(p, directories.Contains(p)), StringComparer.Ordinal);

            // Assert
            var disagreements = paths.Where(p => git[p] != ours[p]).Select(p => $"{p}: git {(git[p] ? "ignores" : "keeps")} it").ToList();
            Assert.True(
                disagreements.Count == 0,
                $"seed {seed} batch {batch}\n{string.Join("\n", disagreements)}\nignore files:\n{Describe(repository.Path, directories)}");
        }
    }

    [Theory]
    [InlineData("[**]b", "*b", IgnoreDecision.Ignore)]
    [InlineData("[**]b", "ab", IgnoreDecision.None)]
    [InlineData("x[?]", "x?", IgnoreDecision.Ignore)]
    [InlineData("x[?]", "xy", IgnoreDecision.None)]
    public void Match_SetHoldingWildcards_MatchesThemAsCharacters(string pattern, string path, IgnoreDecision expected)
    {
        // Arrange: the first disagreement the test above found ("[**]b" was expanded to a suffix "*b").
        var matcher = new IgnoreMatcher([pattern]);

        // Act
        var decision = matcher.Match(path, isDirectory: false);

        // Assert
        Assert.Equal(expected, decision);
    }

    private static (HashSet<string> Directories, List<string> Files) BuildTree(GitRepository repository, Random random)
    {
        var directories = new List<string> { "" };
        for (var i = 0; i < 9; i++)
        {
            var parent = directories[random.Next(directories.Count)];
            var name = RandomIgnoreLines.Names[random.Next(RandomIgnoreLines.Names.Length)];
            if (parent.Count(c => c == '/') < 3 && !name.StartsWith('.'))
            {
                directories.Add(Join(parent, name));
            }
        }

        var directorySet = directories.ToHashSet(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (var directory in directorySet)
        {
            Directory.CreateDirectory(Path.Combine(repository.Path, directory));
            foreach (var name in RandomIgnoreLines.Names.Where(_ => random.Next(4) == 0))
            {
                var path = Join(directory, name);
                if (!directorySet.Contains(path))
                {
                    repository.Write(path, "x\n");
                    files.Add(path);
                }
            }
        }

        // Half the patterns start from a path of the tree (relative to the ignore file), so they match often.
        var all = directorySet.Where(d => d.Length > 0).Concat(files).ToList();
        foreach (var directory in directorySet.Order(StringComparer.Ordinal))
        {
            if (random.Next(3) != 0)
            {
                var prefix = directory.Length == 0 ? "" : directory + "/";
                var below = all.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p[prefix.Length..]).ToList();
                repository.Write(Join(directory, ".gitignore"), RandomIgnoreLines.Lines(random, random.Next(1, 9), below.Count > 0 ? below : all));
            }
        }

        if (random.Next(3) == 0)
        {
            File.WriteAllText(Path.Combine(repository.Path, ".git", "info", "exclude"), RandomIgnoreLines.Lines(random, 3, all));
        }

        return (directorySet, files);
    }

    // git's answer for every path: with -v -n each path gets the pattern that decides it (empty when
    // none), and a pattern that starts with '!' re-includes.
    private static Dictionary<string, bool> CheckIgnore(string root, List<string> paths)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-C", root, "-c", "core.excludesFile=/dev/null", "check-ignore", "--no-index", "--stdin", "-z", "-v", "-n"])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(string.Concat(paths.Select(p => p + "\0")));
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 1, $"git check-ignore: {error.Result}");

        // source NUL line NUL pattern NUL path NUL, per path.
        var fields = output.Result.Split('\0');
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i + 3 < fields.Length; i += 4)
        {
            answers[fields[i + 3]] = fields[i + 2].Length > 0 && !fields[i + 2].StartsWith('!');
        }

        Assert.Equal(paths.Count, answers.Count);
        return answers;
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    private static string Describe(string root, IEnumerable<string> directories) =>
        string.Join("\n", directories
            .Select(d => Join(d, ".gitignore"))
            .Append(".git/info/exclude")
            .Where(f => File.Exists(Path.Combine(root, f)))
            .Order(StringComparer.Ordinal)
            .Select(f => $"--- {f}\n{File.ReadAllText(Path.Combine(root, f)).Replace("\r", "\\r", StringComparison.Ordinal)}"));

    /// <summary>
    /// The compiled matchers stacked as the walk stacks them: each directory on the way down is
    /// decided first (an excluded directory's contents stay excluded, as in git), then the path.
    /// </summary>
    private sealed class Matchers(string root)
    {
        private readonly IgnoreRules _rules = new(
            FileSelection.Default,
            File.Exists(Path.Combine(root, ".git", "info", "exclude")) ? [IgnoreMatcher.FromFile(Path.Combine(root, ".git", "info", "exclude"))] : []);

        public bool IsIgnored(string path, bool isDirectory)
        {
            var stack = With(IgnoreStack.Empty, "");
            var segments = path.Split('/');
            var current = "";
            for (var i = 0; i < segments.Length; i++)
            {
                current = Join(current, segments[i]);
                var last = i == segments.Length - 1;
                if (_rules.IsExcluded(current, !last || isDirectory, stack))
                {
                    return true;
                }

                if (!last)
                {
                    stack = With(stack, current);
                }
            }

            return false;
        }

        private IgnoreStack With(IgnoreStack stack, string directory)
        {
            var file = Path.Combine(root, directory, ".gitignore");
            return File.Exists(file) ? stack.Push(IgnoreMatcher.FromFile(file), directory.Length == 0 ? 0 : directory.Length + 1) : stack;
        }
    }
}
