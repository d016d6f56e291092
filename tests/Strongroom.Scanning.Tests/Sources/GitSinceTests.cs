using System.Diagnostics;
using System.Text;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Sources;

namespace Strongroom.Scanning.Tests.Sources;

/// <summary><c>--since REF</c>: only the commits REF cannot reach are walked, and only their blobs read.</summary>
public sealed class GitSinceTests
{
    private static readonly GitHistoryScanner Scanner = new(new ScanEngine());

    [Fact]
    public void ScanSince_ThousandOldCommitsAndThreeNew_ReadsOnlyTheNewBlobsAndFindsTheNewToken()
    {
        // Arrange: 1,000 commits (one of them with a token of its own, long since merged), then three
        // new ones: a token added in a new file, an edit of an old file, a clean new file.
        using var repository = new GitRepository();
        var oldToken = Secrets.Token();
        FastImport(repository.Path, 1000, oldToken);
        repository.Git("reset", "-q", "--hard", "main");
        repository.Git("branch", "base");
        var newToken = Secrets.Token();
        repository.Write("deploy/settings.py", $"TOKEN = '{newToken}'\n");
        var adding = repository.Commit("add settings");
        repository.Write("file3.txt", "edited\n");
        repository.Commit("edit an old file");
        repository.Write("notes.md", "# notes\n");
        repository.Commit("notes");
        var progress = new ScanProgress();

        // Act
        var findings = Scanner.ScanSince(repository.Path, "base", progress);
        var all = Scanner.ScanHistory(repository.Path);

        // Assert: three new blobs and the one the edit replaced; the old token only in a full scan.
        var finding = Assert.Single(findings);
        Assert.Equal(newToken, finding.Secret);
        Assert.Equal(adding, finding.Commit);
        Assert.Equal("deploy/settings.py", finding.Path);
        Assert.Equal(4, progress.Files);
        Assert.Equal(2, all.Count);
        Assert.Contains(all, f => f.Secret == oldToken);
    }

    [Fact]
    public void ScanSince_OptionLikeRevision_IsRefused()
    {
        // Arrange
        using var repository = new GitRepository();
        repository.Commit("start");

        // Act and Assert: it would reach git as an option.
        Assert.Throws<ArgumentException>(() => Scanner.ScanSince(repository.Path, "--output=/tmp/x"));
    }

    // 1,000 commits in one git process: each edits one of 20 files; commit 500 adds the old token.
    private static void FastImport(string repository, int commits, string token)
    {
        var stream = new StringBuilder();
        for (var i = 1; i <= commits; i++)
        {
            var message = $"commit {i}";
            var content = i == 500 ? $"TOKEN = '{token}'\n" : $"line {i}\n";
            stream.Append(FormattableString.Invariant($"commit refs/heads/main\nmark :{i}\ncommitter Test <test@example.invalid> {1_700_000_000 + i} +0000\n"));
            stream.Append(FormattableString.Invariant($"data {Encoding.UTF8.GetByteCount(message)}\n{message}\n"));
            if (i > 1)
            {
                stream.Append(FormattableString.Invariant($"from :{i - 1}\n"));
            }

            stream.Append(FormattableString.Invariant($"M 100644 inline file{i % 20}.txt\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n"));
        }

        var info = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-C", repository, "fast-import", "--quiet"])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Write(stream.ToString());
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }
}
