using System.Diagnostics;
using Strongroom.Cli.Tests;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// The real <c>git</c> command, as a user runs it against the test hub: no user or system configuration,
/// never prompting (a missing credential fails instead of hanging), in a work directory of its own.
/// </summary>
public sealed class GitClient : IDisposable
{
    public GitClient()
    {
        WorkDirectory = Path.Combine(Path.GetTempPath(), "strongroom-git-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(WorkDirectory);
    }

    public string WorkDirectory { get; }

    /// <summary>The clone URL of a repository with a token as the Basic-auth password, as the hub documents it.</summary>
    public static string Url(Uri hub, string repoPath, string? token) =>
        token is null ? new Uri(hub, repoPath).ToString() : new UriBuilder(new Uri(hub, repoPath)) { UserName = "user", Password = token }.Uri.ToString();

    /// <summary>Runs git in <paramref name="directory"/> (relative to the work directory); returns its exit code and output.</summary>
    public async Task<GitResult> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path.Combine(WorkDirectory, directory),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", "-c", "credential.helper=" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "/bin/false";
        using var process = Process.Start(start)!;
        var (exitCode, stdout, stderr) = await ChildProcess.WaitAsync(process, TimeSpan.FromMinutes(3), "git " + string.Join(' ', arguments));
        return new GitResult(exitCode, stdout, stderr);
    }

    /// <summary>Runs git and fails the test unless it succeeds; returns its standard output.</summary>
    public async Task<string> OkAsync(string directory, params string[] arguments)
    {
        var result = await RunAsync(directory, arguments);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Stderr}");
        return result.Stdout;
    }

    public string PathOf(string relative) => Path.Combine(WorkDirectory, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>What one git command did.</summary>
public sealed record GitResult(int ExitCode, string Stdout, string Stderr);
