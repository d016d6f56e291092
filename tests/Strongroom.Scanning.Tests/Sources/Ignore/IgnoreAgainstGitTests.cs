using System.Diagnostics;
using Strongroom.Scanning.Sources;

namespace Strongroom.Scanning.Tests.Sources.Ignore;

/// <summary>
/// Git is the reference: random trees with random ignore files (negations, <c>**</c>, anchored and
/// directory-only patterns, character sets, nested files, <c>.git/info/exclude</c>) are listed by our
/// walker and by <c>git ls-files --others --exclude-standard</c> in a fresh repository (nothing
/// tracked, so git applies its ignore rules to every file), and the two lists must be equal.
/// </summary>
public sealed class IgnoreAgainstGitTests
{
    private static readonly string[] Directories = ["a", "b", "src", "build", "Debug", "debug", "node_modules", "x.d"];
    private static readonly string[] Files = ["a", "foo", "bar.txt", "baz.txt", "x.log", "app.cs", ".env", "Debug", "build", "notes.md", "b.TXT", "a b", "#hash", "!bang"];

    // Pattern shapes of real ignore files; {n}, {d} and {f} take a random directory or file name.
    private static readonly string[] Shapes =
    [
        "{f}", "{d}", "{d}/", "/{f}", "/{d}/", "{d}/{f}", "/{d}/{f}", "*.txt", "*.log", "*.md", "*.TXT", "*", "*/",
        "!{f}", "!{d}/", "!*.txt", "!/{d}/{f}", "**/{f}", "**/{d}/", "{d}/**", "{d}/**/{f}", "**/{d}/**", "{d}/*",
        "{d}/*/", "[Dd]ebug/", "[Bb]uild", "b?r.txt", "ba[a-z].txt", "*.[Tt][Xx][Tt]", "f*", "*o*", "!f*",
        "{d}/*.txt", "**", "**/", "x.*", "[!a]*", "\\#hash", "\\!bang", "a\\ b", "a b", "{f} ", "# comment", "",
        "[[:alpha:]]oo", "{d}/**/", "*/{f}", "/*.txt", "!/{f}", "**/*.cs", "src/**/*.cs", "[^b]ar.txt",
    ];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Enumerate_RandomTreeAndPatterns_ListsWhatGitLists(int seed)
    {
        // Arrange: 4 batches per seed, each a fresh tree.
        for (var batch = 0; batch < 4; batch++)
        {
            var random = new Random((seed * 31) + batch);
            using var repository = new GitRepository();
            var paths = BuildTree(repository, random);

            // Act
            var ours = FileTree.Enumerate(repository.Path, new FileSelection { UseGit = false }, null)
                .Select(f => Path.GetRelativePath(repository.Path, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
            var git = repository.Git("-c", "core.excludesFile=/dev/null", "ls-files", "-z", "--others", "--exclude-standard")
                .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Order(StringComparer.Ordinal)
                .ToList();

            // Assert
            Assert.True(
                git.SequenceEqual(ours),
                $"seed {seed} batch {batch}\nignore files:\n{Describe(repository.Path, paths)}\nonly git: {string.Join(", ", git.Except(ours))}\nonly ours: {string.Join(", ", ours.Except(git))}");
        }
    }

    private static List<string> BuildTree(GitRepository repository, Random random)
    {
        var directories = new List<string> { "" };
        for (var i = 0; i < 8; i++)
        {
            var parent = directories[random.Next(directories.Count)];
            if (parent.Count(c => c == '/') < 3)
            {
                directories.Add(Join(parent, Directories[random.Next(Directories.Length)]));
            }
        }

        directories = [.. directories.Distinct()];
        var ignoreFiles = new List<string>();
        foreach (var directory in directories)
        {
            foreach (var file in Files.Where(_ => random.Next(3) == 0))
            {
                var path = Join(directory, file);
                if (!directories.Contains(path))
                {
                    repository.Write(path, "x\n");
                }
            }

            if (random.Next(2) == 0)
            {
                var ignore = Join(directory, ".gitignore");
                repository.Write(ignore, Patterns(random, random.Next(1, 8)));
                ignoreFiles.Add(ignore);
            }
        }

        if (random.Next(3) == 0)
        {
            File.WriteAllText(Path.Combine(repository.Path, ".git", "info", "exclude"), Patterns(random, 3));
            ignoreFiles.Add(".git/info/exclude");
        }

        return ignoreFiles;
    }

    private static string Patterns(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => Shapes[random.Next(Shapes.Length)]
            .Replace("{d}", Directories[random.Next(Directories.Length)], StringComparison.Ordinal)
            .Replace("{f}", Files[random.Next(Files.Length)], StringComparison.Ordinal) + "\n"));

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    private static string Describe(string root, List<string> ignoreFiles) =>
        string.Join("\n", ignoreFiles.Select(f => $"--- {f}\n{File.ReadAllText(Path.Combine(root, f))}"));
}
