using System.Diagnostics;

namespace Strongroom.Scanning.Tests.Sources;

/// <summary>A throw-away git repository driven through the git CLI.</summary>
internal sealed class GitRepository : IDisposable
{
    private readonly TempDirectory _directory = new();

    public GitRepository()
    {
        Git("init", "-q", "-b", "main");
    }

    public string Path => _directory.Path;

    public void Write(string relative, string content) => _directory.Write(relative, content);

    public void Delete(string relative) => File.Delete(System.IO.Path.Combine(Path, relative));

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(Path);
        foreach (var (key, value) in new[] { ("user.name", "Test"), ("user.email", "test@example.invalid"), ("commit.gpgsign", "false") })
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add($"{key}={value}");
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
        }

        return output;
    }

    public void Dispose() => _directory.Dispose();
}
