using System.Diagnostics;

namespace Strongroom.Cli.Tests;

/// <summary>The CLI behaves the same way everywhere: unknown options, help, version, typos.</summary>
public sealed class CliConsistencyTests
{
    [Fact]
    public async Task Scan_UnknownOption_ExitsTwoNamingItAndHelp()
    {
        var (exitCode, stdout, stderr) = await RunInProcessAsync("scan", "--bogus");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unrecognized option '--bogus'", stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'strongroom scan --help' for usage.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("No such file", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ExistingPathStartingWithDash_IsScannedNotRefused()
    {
        var directory = Directory.CreateTempSubdirectory("strongroom-dash-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "-notes.txt"), "nothing secret here\n");

        var (exitCode, stdout, stderr) = await RunProcessAsync(directory, "strongroom.dll", "scan", "-notes.txt", "--no-progress");
        Directory.Delete(directory, recursive: true);

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("0 findings in 1 files", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("strongroom.dll", "scan", "--help")]
    [InlineData("strongroom-scan.dll", "--help")]
    public async Task ScanHelp_CliOrStandaloneScanner_ShowsStrongroomScanAsProgram(params string[] args)
    {
        var (exitCode, stdout, _) = await RunProcessAsync(Path.GetTempPath(), args);

        Assert.Equal(0, exitCode);
        Assert.Contains("  strongroom scan [<paths>...] [options]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("strongroom-scan", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandaloneScanner_UnknownOption_ExitsTwoLikeTheCli()
    {
        var (exitCode, _, stderr) = await RunProcessAsync(Path.GetTempPath(), "strongroom-scan.dll", "--bogus");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unrecognized option '--bogus'", stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'strongroom scan --help' for usage.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_CommandAndOption_PrintTheSameVersion()
    {
        var command = await RunInProcessAsync("version");
        var option = await RunInProcessAsync("--version");

        Assert.Equal(0, command.ExitCode);
        Assert.Equal(0, option.ExitCode);
        Assert.Equal(VersionAction.Version + "\n", command.Stdout);
        Assert.Equal(command.Stdout, option.Stdout);
    }

    [Fact]
    public async Task UnknownCommand_Typo_SuggestsClosestWithoutTheWholeHelp()
    {
        var (exitCode, stdout, stderr) = await RunInProcessAsync("tokns", "list");

        Assert.Equal(2, exitCode);
        Assert.Contains("tokens", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'strongroom --help' for usage.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Commands:", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Description:", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSubcommand_Typo_PointsAtThatCommandsHelp()
    {
        var (exitCode, stdout, stderr) = await RunInProcessAsync("repos", "creat", "acme/bert");

        Assert.Equal(2, exitCode);
        Assert.Contains("create", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'strongroom repos --help' for usage.", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunInProcessAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await StrongroomCli.RunAsync(args, stdout, stderr, new StringReader(""));
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The real program, as <c>dotnet x.dll</c>: help names the program after its process.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, args[0]));
        foreach (var arg in args[1..])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        return await ChildProcess.WaitAsync(process, TimeSpan.FromSeconds(60), string.Join(' ', args));
    }
}
