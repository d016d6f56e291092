using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Strongroom.Cli.Tests;

/// <summary>
/// Runs the README's first session and Spaces walk-through verbatim, in order, in a fresh temporary
/// directory: <c>./strongroom</c> there is the CLI this test project built. The server command runs in
/// the background (the README's first terminal), on a free port that the environment sets, as an
/// operator could with <c>STRONGROOM__Urls</c>; every other command runs in bash and must exit as the
/// README says. A command the README says "asks" runs in process, with a person's answers.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // bash and a shebang script
public sealed class ReadmeWalkthroughTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const string NewPassword = "walkthrough-passphrase-1";

    private readonly string _directory = Directory.CreateTempSubdirectory("strongroom-readme-").FullName;
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private Process? _server;
    private readonly StringBuilder _serverOutput = new();

    [Fact]
    public async Task Readme_WalkthroughCommands_RunVerbatimAgainstFreshServer()
    {
        var commands = ReadmeWalkthrough.Extract(await File.ReadAllTextAsync(ReadmeWalkthrough.ReadmePath()), ReadmeWalkthrough.Sections);
        PrepareDirectory();

        foreach (var command in commands)
        {
            output.WriteLine("$ " + command.Text);
            if (command.IsServer)
            {
                await StartServerAsync(command);
                continue;
            }

            var (exitCode, stdout, stderr) = command.IsInteractive ? await RunInProcessAsync(command) : await RunInBashAsync(command);
            output.WriteLine(stdout + stderr);
            Assert.True(exitCode == command.ExpectedExitCode,
                $"README command failed: {command.Text}\nexit {exitCode} (README says {command.ExpectedExitCode})\nstdout: {stdout}\nstderr: {stderr}\nserver: {ServerOutput()}");
        }

        Assert.NotNull(_server);
    }

    /// <summary>A <c>./strongroom</c> that runs this build's CLI, and an environment of its own (no real home, config or server).</summary>
    private void PrepareDirectory()
    {
        var shim = Path.Combine(_directory, "strongroom");
        File.WriteAllText(shim, $"#!/usr/bin/env bash\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "strongroom.dll")}' \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _environment["HOME"] = _directory;
        _environment["STRONGROOM_CONFIG_DIR"] = Path.Combine(_directory, "config");
        _environment["STRONGROOM__Urls"] = "http://127.0.0.1:0";
        _environment["STRONGROOM__Passwords__MemoryKiB"] = "8192"; // test speed; the README's defaults are far slower by design
        _environment["STRONGROOM__Passwords__Iterations"] = "1";
        // git as a person has it set up: a name and address for commits, no prompts.
        _environment["GIT_AUTHOR_NAME"] = _environment["GIT_COMMITTER_NAME"] = "README Reader";
        _environment["GIT_AUTHOR_EMAIL"] = _environment["GIT_COMMITTER_EMAIL"] = "reader@example.com";
        _environment["GIT_TERMINAL_PROMPT"] = "0";
        _environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _environment["DOTNET_NOLOGO"] = "1";
    }

    private ProcessStartInfo Bash(string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment.Remove("STRONGROOM_SERVER");
        start.Environment.Remove("STRONGROOM_RUNNER_TOKEN");
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private async Task StartServerAsync(ReadmeCommand command)
    {
        _server = Process.Start(Bash(command.Text))!;
        _server.StandardInput.Close();
        _server.ErrorDataReceived += (_, e) => { lock (_serverOutput) { _serverOutput.AppendLine(e.Data); } };
        _server.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Patience);
        while (await _server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lock (_serverOutput)
            {
                _serverOutput.AppendLine(line);
            }

            const string Marker = "listening on ";
            if (line.IndexOf(Marker, StringComparison.Ordinal) is var at and >= 0)
            {
                _environment["STRONGROOM_SERVER"] = line[(at + Marker.Length)..].Trim();
                _ = DrainAsync(_server.StandardOutput);
                return;
            }
        }

        Assert.Fail($"README server command did not start: {command.Text}\n{ServerOutput()}");
    }

    private async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_serverOutput)
            {
                _serverOutput.AppendLine(line);
            }
        }
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunInBashAsync(ReadmeCommand command)
    {
        // The README names the default address; the test's server listens on a free port.
        var text = _environment.TryGetValue("STRONGROOM_SERVER", out var server) ? command.Text.Replace("@127.0.0.1:7800", "@" + new Uri(server).Authority, StringComparison.Ordinal) : command.Text;
        using var process = Process.Start(Bash(text))!;
        process.StandardInput.Close();
        return await ChildProcess.WaitAsync(process, Patience, "README command " + command.Text);
    }

    /// <summary>Runs a command that asks on a terminal, answering as a person following the README would.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunInProcessAsync(ReadmeCommand command)
    {
        var words = command.WithoutComment.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words[0] == "./strongroom", $"Only ./strongroom commands can ask: {command.Text}");
        var oneTime = (await File.ReadAllTextAsync(Path.Combine(_directory, ".strongroom", "initial-admin-password"))).Trim();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Out = stdout,
            Error = stderr,
            In = new StringReader(""),
            GetEnvironmentVariable = name => _environment.GetValueOrDefault(name),
            Prompt = (prompt, _) => prompt switch
            {
                "Current password: " => oneTime,
                "New password: " or "New password again: " => NewPassword,
                _ => throw new InvalidOperationException($"The README does not say how to answer '{prompt}' ({command.Text})"),
            },
        };
        var exitCode = await StrongroomCli.RunAsync(words[1..], context);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private string ServerOutput()
    {
        lock (_serverOutput)
        {
            return _serverOutput.ToString();
        }
    }

    public void Dispose()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp directory; cleanup must not fail the test.
        }
    }
}
