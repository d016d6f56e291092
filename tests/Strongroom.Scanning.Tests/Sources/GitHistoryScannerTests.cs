using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Sources;

namespace Strongroom.Scanning.Tests.Sources;

public sealed class GitHistoryScannerTests
{
    private static readonly GitHistoryScanner Scanner = new(new ScanEngine());

    [Fact]
    public void ScanHistory_TokenAddedThenRemoved_ReportedOnceWithAddingCommitAndPath()
    {
        // Arrange
        using var repo = new GitRepository();
        var token = Secrets.Token();
        repo.Write("README.md", "hello\n");
        repo.Commit("initial");
        repo.Write("config/settings.py", $"DEBUG = True\nTOKEN = \"{token}\"\n");
        var adding = repo.Commit("add settings");
        repo.Write("config/settings.py", "DEBUG = True\nTOKEN = os.environ[\"TOKEN\"]\n");
        repo.Commit("remove token");

        // Act
        var findings = Scanner.ScanHistory(repo.Path);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(adding, finding.Commit);
        Assert.Equal("config/settings.py", finding.Path);
        Assert.Equal(2, finding.Line);
        Assert.Equal(token, finding.Secret);
    }

    [Fact]
    public void ScanHistory_SecretLivesThroughFiftyCommits_ReportedOncePerIntroduction()
    {
        // Arrange
        using var repo = new GitRepository();
        var token = Secrets.Token();
        repo.Write("app.py", $"TOKEN = \"{token}\"\nversion = 0\n");
        var first = repo.Commit("add");
        for (var i = 1; i < 50; i++)
        {
            repo.Write("app.py", $"TOKEN = \"{token}\"\nversion = {i}\n");
            repo.Commit($"bump {i}");
        }

        repo.Write("app.py", "version = 50\n");
        repo.Commit("drop token");
        repo.Write("app.py", $"version = 51\nTOKEN = \"{token}\"\n");
        var reintroduced = repo.Commit("oops, again");
        repo.Write("copy/app.py", $"TOKEN = \"{token}\"\n");
        var copied = repo.Commit("copy to another file");

        // Act
        var findings = Scanner.ScanHistory(repo.Path);

        // Assert: the first introduction, the re-introduction after removal, and the copy to a new path.
        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, f => f.Commit == first && f.Path == "app.py" && f.Line == 1);
        Assert.Contains(findings, f => f.Commit == reintroduced && f.Path == "app.py" && f.Line == 2);
        Assert.Contains(findings, f => f.Commit == copied && f.Path == "copy/app.py");
    }

    [Fact]
    public void ScanHistory_SecretOnlyOnAnotherBranch_Found()
    {
        // Arrange
        using var repo = new GitRepository();
        repo.Write("a.txt", "a\n");
        repo.Commit("initial");
        repo.Git("checkout", "-q", "-b", "feature");
        var token = Secrets.Token('c');
        repo.Write("b.txt", token);
        var commit = repo.Commit("feature work");
        repo.Git("checkout", "-q", "main");

        // Act
        var findings = Scanner.ScanHistory(repo.Path);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(commit, finding.Commit);
        Assert.Equal("b.txt", finding.Path);
    }

    [Fact]
    public void ScanStaged_NewSecretStaged_ReportedButOldOnesNot()
    {
        // Arrange
        using var repo = new GitRepository();
        var old = Secrets.Token();
        repo.Write("app.py", $"OLD = \"{old}\"\n");
        repo.Commit("old secret, already known");
        var fresh = Secrets.Token('w');
        repo.Write("app.py", $"OLD = \"{old}\"\nNEW = \"{fresh}\"\n");
        repo.Write("unstaged.py", $"X = \"{Secrets.Token()}\"\n");
        repo.Git("add", "app.py");

        // Act
        var findings = Scanner.ScanStaged(repo.Path);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(fresh, finding.Secret);
        Assert.Equal("app.py", finding.Path);
        Assert.Equal(2, finding.Line);
        Assert.Null(finding.Commit);
    }

    [Fact]
    public void ScanStaged_FileWithKnownSecretRenamedAndEdited_NothingNew()
    {
        // Arrange
        using var repo = new GitRepository();
        var old = Secrets.Token();
        var body = string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i} of a long enough file\n"));
        repo.Write("settings.py", $"TOKEN = \"{old}\"\n{body}");
        repo.Commit("known secret");
        repo.Git("mv", "settings.py", "config.py");
        repo.Write("config.py", $"TOKEN = \"{old}\"\n{body}one more line\n");
        repo.Git("add", "config.py");

        // Act
        var findings = Scanner.ScanStaged(repo.Path);

        // Assert
        Assert.Empty(findings);
    }

    [Fact]
    public void ScanStaged_BeforeFirstCommit_FindsStagedSecret()
    {
        // Arrange
        using var repo = new GitRepository();
        var token = Secrets.Token();
        repo.Write("app.py", $"TOKEN = \"{token}\"\n");
        repo.Git("add", "app.py");

        // Act
        var findings = Scanner.ScanStaged(repo.Path);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(token, finding.Secret);
    }

    [Fact]
    public void ScanHistory_NotARepository_ThrowsGitException()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act + Assert
        Assert.Throws<GitException>(() => Scanner.ScanHistory(dir.Path));
    }
}
