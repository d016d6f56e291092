using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Sources;

namespace Strongroom.Scanning.Tests.Sources;

/// <summary>Which files a directory scan reads: git's view in a work tree, the ignore files elsewhere, and the options on top.</summary>
public sealed class FileSelectionTests
{
    private static readonly ScanEngine Engine = new();

    [Fact]
    public void Scan_GitWorkTree_ScansCommittedIgnoredFileButNotUntrackedIgnoredOne()
    {
        // Arrange: .vscode/launch.json committed despite ".vscode/*" (as bitwarden/server has it), an
        // untracked file under the same pattern, and an untracked file no pattern matches.
        using var repository = new GitRepository();
        repository.Write(".gitignore", ".vscode/*\n*.log\n");
        repository.Write(".vscode/launch.json", $"{{\"token\": \"{Secrets.Token()}\"}}\n");
        repository.Git("add", ".gitignore");
        repository.Git("add", "-f", ".vscode/launch.json");
        repository.Commit("start");
        repository.Write(".vscode/settings.json", $"{{\"token\": \"{Secrets.Token()}\"}}\n");
        repository.Write("debug.log", $"{Secrets.Token()}\n");
        repository.Write("new.py", $"TOKEN = '{Secrets.Token()}'\n");

        // Act
        var findings = new PathScanner(Engine).Scan([repository.Path]);

        // Assert
        Assert.Equal([".vscode/launch.json", "new.py"], Relative(repository.Path, findings));
    }

    [Fact]
    public void Scan_OutsideWorkTree_IgnoreFilesDecideEvenForTheSameFiles()
    {
        // Arrange: the same tree without .git (an export, an unpacked archive): nothing is "tracked".
        using var directory = new TempDirectory();
        directory.Write(".gitignore", ".vscode/*\n");
        directory.Write(".vscode/launch.json", $"{{\"token\": \"{Secrets.Token()}\"}}\n");
        directory.Write("new.py", $"TOKEN = '{Secrets.Token()}'\n");

        // Act
        var findings = new PathScanner(Engine).Scan([directory.Path]);

        // Assert
        Assert.Equal(["new.py"], Relative(directory.Path, findings));
    }

    [Fact]
    public void Scan_GitWorkTreeWithStrongroomIgnore_SkipsTrackedFilesItMatches()
    {
        // Arrange: .strongroomignore applies on top of git, to tracked files too.
        using var repository = new GitRepository();
        repository.Write(".strongroomignore", "fixtures/\n");
        repository.Write("tests/fixtures/fake.env", $"TOKEN={Secrets.Token()}\n");
        repository.Write("tests/.strongroomignore", "*.snap\n");
        repository.Write("tests/a.snap", $"{Secrets.Token()}\n");
        repository.Write("app.py", $"TOKEN = '{Secrets.Token()}'\n");
        repository.Commit("start");

        // Act
        var findings = new PathScanner(Engine).Scan([repository.Path]);

        // Assert
        Assert.Equal(["app.py"], Relative(repository.Path, findings));
    }

    [Fact]
    public void Scan_DirectoryGitIgnores_ScansItByItsOwnIgnoreFilesAndItsTrackedFiles()
    {
        // Arrange: "corpus/" is ignored by the repository, and scanned by name; inside, its own
        // .gitignore and a file committed despite the repository's pattern.
        using var repository = new GitRepository();
        repository.Write(".gitignore", "/corpus/\n");
        repository.Write("corpus/tracked.env", $"TOKEN={Secrets.Token()}\n");
        repository.Git("add", ".gitignore");
        repository.Git("add", "-f", "corpus/tracked.env");
        repository.Commit("start");
        repository.Write("corpus/.gitignore", "*.log\n");
        repository.Write("corpus/a/app.py", $"TOKEN = '{Secrets.Token()}'\n");
        repository.Write("corpus/a/debug.log", $"{Secrets.Token()}\n");
        var corpus = Path.Combine(repository.Path, "corpus");

        // Act
        var findings = new PathScanner(Engine).Scan([corpus]);

        // Assert
        Assert.Equal(["a/app.py", "tracked.env"], Relative(corpus, findings));
    }

    [Fact]
    public void Scan_NestedRepository_ListedAsItsOwnWorkTree()
    {
        // Arrange: an untracked repository inside this one, with a file it committed despite its own ignore file.
        using var repository = new GitRepository();
        repository.Write("README.md", "# outer\n");
        repository.Commit("start");
        using var nested = new GitRepository();
        var inner = Path.Combine(repository.Path, "vendor", "lib");
        Directory.CreateDirectory(Path.GetDirectoryName(inner)!);
        Directory.Move(nested.Path, inner);
        var innerRepository = Path.Combine(repository.Path, "vendor", "lib");
        File.WriteAllText(Path.Combine(innerRepository, ".gitignore"), "*.env\n");
        File.WriteAllText(Path.Combine(innerRepository, "prod.env"), $"TOKEN={Secrets.Token()}\n");
        File.WriteAllText(Path.Combine(innerRepository, "local.env"), $"TOKEN={Secrets.Token()}\n");
        Git(innerRepository, "add", "-f", "prod.env");

        // Act
        var findings = new PathScanner(Engine).Scan([repository.Path]);

        // Assert
        Assert.Equal(["vendor/lib/prod.env"], Relative(repository.Path, findings));
    }

    [Fact]
    public void Scan_NoIgnore_ScansIgnoredAndUntrackedFiles()
    {
        // Arrange
        using var repository = new GitRepository();
        repository.Write(".gitignore", "*.log\n");
        repository.Write("debug.log", $"{Secrets.Token()}\n");
        repository.Write("app.py", $"TOKEN = '{Secrets.Token()}'\n");

        // Act
        var findings = new PathScanner(Engine) { Selection = new FileSelection { NoIgnore = true } }.Scan([repository.Path]);

        // Assert
        Assert.Equal(["app.py", "debug.log"], Relative(repository.Path, findings));
    }

    [Fact]
    public void Scan_ExcludeAndInclude_ApplyGitignoreSyntaxOnTop()
    {
        // Arrange
        using var directory = new TempDirectory();
        directory.Write("src/app.py", $"TOKEN = '{Secrets.Token()}'\n");
        directory.Write("src/gen/out.py", $"TOKEN = '{Secrets.Token()}'\n");
        directory.Write("src/app.js", $"TOKEN = '{Secrets.Token()}'\n");
        directory.Write("docs/conf.py", $"TOKEN = '{Secrets.Token()}'\n");
        directory.Write("deploy/prod.env", $"TOKEN={Secrets.Token()}\n");
        var selection = new FileSelection { Include = ["*.py", "deploy/"], Exclude = ["gen/", "/docs"] };

        // Act
        var findings = new PathScanner(Engine) { Selection = selection }.Scan([directory.Path]);

        // Assert
        Assert.Equal(["deploy/prod.env", "src/app.py"], Relative(directory.Path, findings));
    }

    [Fact]
    public void Scan_ExcludeInGitWorkTree_SkipsTrackedFiles()
    {
        // Arrange
        using var repository = new GitRepository();
        repository.Write("src/app.py", $"TOKEN = '{Secrets.Token()}'\n");
        repository.Write("tests/fake.py", $"TOKEN = '{Secrets.Token()}'\n");
        repository.Commit("start");

        // Act
        var findings = new PathScanner(Engine) { Selection = new FileSelection { Exclude = ["tests/"] } }.Scan([repository.Path]);

        // Assert
        Assert.Equal(["src/app.py"], Relative(repository.Path, findings));
    }

    private static List<string> Relative(string root, IReadOnlyList<Finding> findings) =>
        [.. findings.Select(f => Path.GetRelativePath(root, f.Path).Replace('\\', '/')).Distinct().Order(StringComparer.Ordinal)];

    private static void Git(string directory, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-C", directory, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
