using System.Diagnostics;
using System.Text;

namespace Strongroom.Scanning.Sources;

/// <summary>Runs the <c>git</c> CLI in a repository and streams its output.</summary>
internal static class GitCommand
{
    public static Process Start(string repository, bool redirectInput, params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(repository);
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("core.quotepath=off");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start git.");

        // Drain stderr concurrently so a chatty git never blocks on a full pipe.
        var error = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        Errors[process.Id] = error;
        return process;
    }

    /// <summary>Waits for <paramref name="process"/> and throws with its stderr when it failed.</summary>
    public static void Finish(Process process)
    {
        process.WaitForExit();
        Errors.TryRemove(process.Id, out var error);
        if (process.ExitCode != 0)
        {
            throw new GitException($"git failed ({process.ExitCode}): {error?.ToString().Trim()}");
        }
    }

    /// <summary>Reads NUL-separated tokens from a <c>-z</c> output.</summary>
    public static IEnumerable<string> Tokens(TextReader reader)
    {
        var token = new StringBuilder();
        var buffer = new char[1 << 16];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\0')
                {
                    yield return token.ToString();
                    token.Clear();
                }
                else
                {
                    token.Append(buffer[i]);
                }
            }
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, StringBuilder> Errors = new();
}
