using System.Text;

namespace Strongroom.Cli.Tests;

/// <summary>Native and managed scans agree on which files a tree scan reads and on decoded values.</summary>
public sealed partial class NativeScannerTests
{
    [Fact]
    public void NativeScan_OfAGitWorkTree_ScansCommittedIgnoredFilesAsTheManagedScanDoes()
    {
        // Arrange: a file committed despite an ignore pattern (git tracks it: scanned), an untracked
        // file under the same pattern (not scanned), and --exclude/--include on top.
        var repository = Path.Combine(_directory, "worktree");
        Directory.CreateDirectory(Path.Combine(repository, ".vscode"));
        Git(repository, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repository, ".gitignore"), ".vscode/*\n");
        File.WriteAllText(Path.Combine(repository, ".vscode", "launch.json"), $"{{\"token\": \"{ScanCommandTests.Token()}\"}}\n");
        Git(repository, "add", ".gitignore");
        Git(repository, "add", "-f", ".vscode/launch.json");
        Git(repository, "commit", "-q", "-m", "start");
        File.WriteAllText(Path.Combine(repository, ".vscode", "settings.json"), $"{{\"token\": \"{ScanCommandTests.Token()}\"}}\n");
        File.WriteAllText(Path.Combine(repository, "app.py"), $"TOKEN = '{ScanCommandTests.Token()}'\n");
        string[][] cases =
        [
            [repository, "--format", "json", "--no-progress"],
            [repository, "--format", "json", "--no-progress", "--no-ignore"],
            [repository, "--format", "json", "--no-progress", "--exclude", "*.py"],
            [repository, "--format", "json", "--no-progress", "--include", ".vscode/"],
        ];
        int[] expected = [2, 3, 1, 1];

        for (var i = 0; i < cases.Length; i++)
        {
            // Act
            var native = RunNative(cases[i]);
            var managed = RunManaged(cases[i]);

            // Assert
            var nativeFindings = Findings(native.Output);
            Assert.Equal(Findings(managed.Output), nativeFindings);
            Assert.Equal(expected[i], nativeFindings.Count);
            Assert.Equal(i == 1, nativeFindings.Exists(f => f.Contains("settings.json", StringComparison.Ordinal)));
        }

        Assert.Contains(Findings(RunNative(cases[0]).Output), f => f.Contains(".vscode/launch.json", StringComparison.Ordinal));
    }

    [Fact]
    public void NativeScan_WithoutGit_SaysSoOnceAndFallsBackToTheIgnoreFiles()
    {
        // Arrange: a work tree, and a PATH on which there is no git.
        var repository = Path.Combine(_directory, "nogit");
        Directory.CreateDirectory(Path.Combine(repository, "a"));
        Git(repository, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repository, ".gitignore"), "*.log\n");
        File.WriteAllText(Path.Combine(repository, "debug.log"), $"{ScanCommandTests.Token()}\n");
        File.WriteAllText(Path.Combine(repository, "a", "app.py"), $"TOKEN = '{ScanCommandTests.Token()}'\n");
        var scanner = Path.Combine(Root, ".build", "scan", "strongroom-scan");
        RunNative(repository, "--no-progress"); // builds the native scanner if needed

        // Act
        var result = Run(scanner, [repository, repository, "--no-progress", "--format", "json"], environment: ("PATH", "/nonexistent"));

        // Assert
        Assert.Equal(1, result.ExitCode);
        var findings = Findings(result.Output);
        Assert.Equal(2, findings.Count); // a/app.py, once per root given
        Assert.DoesNotContain(findings, f => f.Contains("debug.log", StringComparison.Ordinal));
        Assert.Single(result.Error.Split('\n'), line => line.Contains("git could not list", StringComparison.Ordinal));
    }

    [Fact]
    public void NativeScan_OfBase64Values_ReportsWhatTheManagedScanReports()
    {
        // Arrange: a Kubernetes Secret with our token and a Hugging Face token base64-encoded.
        var tree = Path.Combine(_directory, "k8s");
        Directory.CreateDirectory(tree);
        static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        File.WriteAllText(
            Path.Combine(tree, "secret.yaml"),
            $"kind: Secret\ndata:\n  token: {Encode(ScanCommandTests.Token())}\n  hf: {Encode("hf_" + Random34())}\n");

        // Act
        var native = RunNative(tree, "--format", "json", "--no-progress");
        var managed = RunManaged(tree, "--format", "json", "--no-progress");
        var off = RunNative(tree, "--format", "json", "--no-progress", "--max-decode-depth", "0");

        // Assert
        Assert.Equal(1, native.ExitCode);
        Assert.Equal(2, Findings(native.Output).Count);
        Assert.Equal(Findings(managed.Output), Findings(native.Output));
        Assert.Contains("\"encoding\": \"base64\"", native.Output, StringComparison.Ordinal);
        Assert.Equal(0, off.ExitCode);
    }

    [Fact]
    public void NativeScanSince_ReportsOnlyNewCommitsAsTheManagedScanDoes()
    {
        // Arrange: a token in the base, another in a commit after it.
        var repository = Path.Combine(_directory, "since");
        Directory.CreateDirectory(repository);
        Git(repository, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repository, "old.py"), $"TOKEN = '{ScanCommandTests.Token()}'\n");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "old");
        Git(repository, "branch", "base");
        File.WriteAllText(Path.Combine(repository, "new.py"), $"TOKEN = '{ScanCommandTests.Token()}'\n");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "new");

        // Act
        var native = RunNative("--git", repository, "--since", "base", "--format", "json", "--no-progress");
        var managed = RunManaged("--git", repository, "--since", "base", "--format", "json", "--no-progress");
        var misuse = RunNative(repository, "--since", "base", "--no-progress");

        // Assert
        var finding = Assert.Single(Findings(native.Output));
        Assert.Contains("new.py", finding, StringComparison.Ordinal);
        Assert.Equal(Findings(managed.Output), Findings(native.Output));
        Assert.Equal(2, misuse.ExitCode);
    }

    [Fact]
    public void NativeScan_WithAGitleaksConfig_ReportsWhatTheManagedScanReports()
    {
        // Arrange: a custom rule and a global path allowlist in .strongroom.toml at the root, and a
        // config with a regex that cannot run without backtracking (a look-behind).
        var tree = Path.Combine(_directory, "configured");
        Directory.CreateDirectory(Path.Combine(tree, "fixtures"));
        File.WriteAllText(Path.Combine(tree, ".strongroom.toml"), """
            [[rules]]
            id = "acme-api-key"
            regex = '''acme_live_([a-zA-Z0-9]{24})'''
            secretGroup = 1
            keywords = ["acme_"]

            [allowlist]
            paths = ['''(^|/)fixtures/''']
            """);
        File.WriteAllText(Path.Combine(tree, "app.py"), "KEY = 'acme_live_Q7x9Lm2Rt8Vb4Nc6Zp1Kd3Hf'\n");
        File.WriteAllText(Path.Combine(tree, "fixtures", "keys.py"), "KEY = 'acme_live_Q7x9Lm2Rt8Vb4Nc6Zp1Kd3Hf'\n");
        var bad = Path.Combine(_directory, "bad.toml");
        File.WriteAllText(bad, "[[rules]]\nid = \"lookbehind\"\nregex = '''(?<=x)acme'''\nkeywords = [\"acme\"]\n");

        // Act
        var native = RunNative(tree, "--format", "json", "--no-progress");
        var managed = RunManaged(tree, "--format", "json", "--no-progress");
        var nativeBad = RunNative(tree, "--no-progress", "--config", bad);
        var managedBad = RunManaged(tree, "--no-progress", "--config", bad);

        // Assert
        var finding = Assert.Single(Findings(native.Output));
        Assert.StartsWith("acme-api-key|", finding, StringComparison.Ordinal);
        Assert.Contains("/configured/app.py|", finding, StringComparison.Ordinal);
        Assert.Equal(Findings(managed.Output), Findings(native.Output));
        Assert.Equal(2, nativeBad.ExitCode);
        Assert.Contains("rule lookbehind", nativeBad.Error, StringComparison.Ordinal);
        Assert.Equal(managedBad.Error.Trim(), nativeBad.Error.Trim());
    }
}
