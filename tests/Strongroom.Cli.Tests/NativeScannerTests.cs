using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Strongroom.Cli.Tests;

/// <summary>
/// `./strongroom scan` runs the natively compiled `strongroom-scan` (src/Strongroom.Scan): it must find
/// exactly what the managed command finds, in the same report, with the same exit codes. Runs the real
/// wrapper script with STRONGROOM_SCAN=native, so a native build that fails fails the test instead of
/// falling back (./test.sh builds it before the tests; otherwise the first test builds it).
/// </summary>
public sealed partial class NativeScannerTests : IDisposable
{
    private static readonly string Root = FindRoot();
    private readonly string _directory = Directory.CreateTempSubdirectory("strongroom-native-").FullName;

    [Fact]
    public void NativeScan_OfATreeWithArchivesAndIgnores_ReportsWhatTheManagedScanReports()
    {
        // Arrange: findings in plain files, in a tar.gz (native zlib) and in a zip; one in an ignored file.
        var tree = Path.Combine(_directory, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "src"));
        File.WriteAllText(Path.Combine(tree, ".gitignore"), "ignored.txt\n");
        File.WriteAllText(Path.Combine(tree, "ignored.txt"), $"TOKEN = '{ScanCommandTests.Token()}'\n");
        File.WriteAllText(Path.Combine(tree, "src", "app.py"), $"import os\n\nTOKEN = '{ScanCommandTests.Token()}'\nHF = 'hf_{Random34()}'\n");
        File.WriteAllText(Path.Combine(tree, "clean.md"), "# Nothing here\n\nxoxb-your-token-here\n");
        WriteTarGz(Path.Combine(tree, "bundle.tar.gz"), "inner/config.env", $"SR={ScanCommandTests.Token()}\n");
        WriteZip(Path.Combine(tree, "bundle.zip"), "settings.py", $"\n\nKEY = '{ScanCommandTests.Token()}'\n");

        // Act
        var native = RunNative(tree, "--format", "json", "--no-progress", "-j", "2");
        var managed = RunManaged(tree, "--format", "json", "--no-progress", "-j", "2");

        // Assert
        Assert.Equal(1, native.ExitCode);
        Assert.Equal(managed.ExitCode, native.ExitCode);
        var nativeFindings = Findings(native.Output);
        Assert.Equal(4, nativeFindings.Count);
        Assert.Equal(Findings(managed.Output), nativeFindings);
        Assert.DoesNotContain(nativeFindings, f => f.Contains("ignored.txt", StringComparison.Ordinal));
        Assert.Contains(nativeFindings, f => f.Contains("bundle.tar.gz", StringComparison.Ordinal));
    }

    [Fact]
    public void NativeScan_OfEveryRulesExamples_FindsWhatTheManagedScanFinds()
    {
        // Arrange: each rule's true- and false-positive examples, one file per rule, generic rule on:
        // every pattern, validator and placeholder check runs in native code.
        var tree = Path.Combine(_directory, "examples");
        Directory.CreateDirectory(tree);
        var rules = Strongroom.Scanning.Rules.RuleCatalog.All();
        foreach (var rule in rules)
        {
            File.WriteAllLines(Path.Combine(tree, rule.Id + ".txt"), [.. rule.TruePositives, .. rule.FalsePositives]);
        }

        // Act
        var native = RunNative(tree, "--generic", "--format", "json", "--no-progress");
        var managed = RunManaged(tree, "--generic", "--format", "json", "--no-progress");

        // Assert
        Assert.Equal(1, native.ExitCode);
        var nativeFindings = Findings(native.Output);
        Assert.True(nativeFindings.Count >= rules.Sum(r => r.TruePositives.Count), $"{nativeFindings.Count} findings");
        Assert.Equal(Findings(managed.Output), nativeFindings);
    }

    [Fact]
    public void NativeScanOfGitHistory_ReportsWhatTheManagedScanReports()
    {
        // Arrange: a token added in one commit and removed in the next, another added later.
        var repository = Path.Combine(_directory, "repo");
        Directory.CreateDirectory(repository);
        Git(repository, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repository, "a.py"), $"TOKEN = '{ScanCommandTests.Token()}'\n");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "add");
        File.WriteAllText(Path.Combine(repository, "a.py"), "TOKEN = os.environ['TOKEN']\n");
        File.WriteAllText(Path.Combine(repository, "b.py"), $"\nOTHER = '{ScanCommandTests.Token()}'\n");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "move");

        // Act
        var native = RunNative("--git", repository, "--format", "json", "--no-progress");
        var managed = RunManaged("--git", repository, "--format", "json", "--no-progress");

        // Assert
        Assert.Equal(1, native.ExitCode);
        var nativeFindings = Findings(native.Output);
        Assert.Equal(2, nativeFindings.Count);
        Assert.Equal(Findings(managed.Output), nativeFindings);
    }

    [Fact]
    public void PreCommitHooks_EveryEntry_RefusesAStagedSecretAndPassesACleanStage()
    {
        // Arrange: the hooks as .pre-commit-hooks.yaml declares them; `strongroom` is the wrapper,
        // `strongroom-scan` the native binary it builds (what a user puts on PATH).
        var entries = File.ReadLines(Path.Combine(Root, ".pre-commit-hooks.yaml"))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("entry:", StringComparison.Ordinal))
            .Select(line => line["entry:".Length..].Trim().Split(' '))
            .ToList();
        Assert.Equal(2, entries.Count);
        var repository = Path.Combine(_directory, "hooked");
        Directory.CreateDirectory(repository);
        Git(repository, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repository, "README.md"), "# app\n");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "start");

        foreach (var entry in entries)
        {
            // Act
            File.WriteAllText(Path.Combine(repository, "config.py"), "TOKEN = os.environ['TOKEN']\n");
            Git(repository, "add", "-A");
            var clean = RunIn(repository, entry);
            File.WriteAllText(Path.Combine(repository, "config.py"), $"TOKEN = '{ScanCommandTests.Token()}'\n");
            Git(repository, "add", "-A");
            var leaked = RunIn(repository, entry);

            // Assert
            Assert.True(clean.ExitCode == 0, $"{string.Join(' ', entry)} on a clean stage: {clean.ExitCode} {clean.Output}");
            Assert.True(leaked.ExitCode == 1, $"{string.Join(' ', entry)} on a staged token: {leaked.ExitCode} {leaked.Output}");
            Assert.Contains("config.py", leaked.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NativeScan_ExitCodes_AreThoseOfTheManagedCommand()
    {
        // Arrange
        var clean = Path.Combine(_directory, "clean.txt");
        File.WriteAllText(clean, "nothing to see\n");
        var missing = Path.Combine(_directory, "absent");

        // Act
        var cleanRun = RunNative(clean, "--no-progress");
        var missingRun = RunNative(missing, "--no-progress");
        var badFormat = RunNative(clean, "--format", "xml");

        // Assert
        Assert.Equal(0, cleanRun.ExitCode);
        Assert.Contains("0 findings", cleanRun.Output, StringComparison.Ordinal);
        Assert.Equal(2, missingRun.ExitCode);
        Assert.Equal(2, badFormat.ExitCode);
        Assert.DoesNotContain("   at ", missingRun.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeScan_Errors_SayWhatTheManagedCommandSays()
    {
        // Arrange: a report path in a missing folder, and a baseline that is not a report. Native AOT
        // can strip exception messages down to resource keys; these must stay sentences.
        var clean = Path.Combine(_directory, "clean.txt");
        File.WriteAllText(clean, "nothing to see\n");
        var notAReport = Path.Combine(_directory, "baseline.json");
        File.WriteAllText(notAReport, "not json\n");
        var wrongJson = Path.Combine(_directory, "sarif.json");
        File.WriteAllText(wrongJson, "{\"runs\": []}\n");
        string[][] cases =
        [
            [clean, "--no-progress", "--format", "json", "--output", Path.Combine(_directory, "missing", "report.json")],
            [clean, "--no-progress", "--baseline", notAReport],
            [clean, "--no-progress", "--baseline", wrongJson],
        ];

        foreach (var arguments in cases)
        {
            // Act
            var native = RunNative(arguments);
            var managed = RunManaged(arguments);

            // Assert
            Assert.Equal(2, native.ExitCode);
            Assert.Equal(managed.Error.Trim(), native.Error.Trim());
            Assert.Contains(arguments[^1], native.Error, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Random34() =>
        string.Concat(Enumerable.Range(0, 34).Select(_ => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[Random.Shared.Next(62)]));

    // The findings that identify what was found where; the summary's timing differs between runs.
    private static List<string> Findings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => string.Join(
                '|',
                f.GetProperty("ruleId"),
                f.GetProperty("path"),
                f.GetProperty("line"),
                f.GetProperty("column"),
                f.GetProperty("fingerprint"),
                f.TryGetProperty("commit", out var commit) ? commit.GetString() : "-"))];
    }

    private static (int ExitCode, string Output, string Error) RunManaged(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = StrongroomCli.RunAsync(["scan", .. arguments], output, error, TextReader.Null).GetAwaiter().GetResult();
        return (exitCode, output.ToString(), error.ToString());
    }

    private static (int ExitCode, string Output, string Error) RunNative(params string[] arguments) =>
        RunIn(null, ["strongroom", "scan", .. arguments]);

    // Runs a `strongroom` or `strongroom-scan` command line, as the native scanner (never the fallback).
    private static (int ExitCode, string Output, string Error) RunIn(string? workingDirectory, string[] commandLine)
    {
        var program = commandLine[0] switch
        {
            "strongroom" => Path.Combine(Root, "strongroom"),
            "strongroom-scan" => Path.Combine(Root, ".build", "scan", "strongroom-scan"),
            var other => throw new ArgumentException($"Unknown command {other}", nameof(commandLine)),
        };
        var result = Run(program, commandLine[1..], workingDirectory);
        Assert.DoesNotContain("using the managed", result.Error, StringComparison.Ordinal);
        return result;
    }

    private static void Git(string repository, params string[] arguments)
    {
        var (exitCode, _, error) = Run("git", ["-C", repository, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", .. arguments]);
        Assert.True(exitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }

    private static (int ExitCode, string Output, string Error) Run(
        string program, IEnumerable<string> arguments, string? workingDirectory = null, (string Name, string Value)? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            Environment = { ["STRONGROOM_SCAN"] = "native" },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is { } variable)
        {
            start.Environment[variable.Name] = variable.Value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish");
        }

        return (process.ExitCode, output, error.Result);
    }

    private static void WriteTarGz(string path, string name, string content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
        tar.WriteEntry(entry);
    }

    private static void WriteZip(string path, string name, string content)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(content);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Strongroom.slnx")) && File.Exists(Path.Combine(directory.FullName, "strongroom")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with ./strongroom) was not found above the test binaries.");
    }
}
