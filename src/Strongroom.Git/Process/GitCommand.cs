using System.Diagnostics;

namespace Strongroom.Git.Process;

/// <summary>
/// Runs the <c>git</c> command with a configuration of its own: the system and user configuration files of
/// whoever runs the server are not read (their hooks, credential helpers or aliases must not apply to the
/// hub's repositories), and git never prompts.
/// </summary>
public static class GitCommand
{
    /// <summary>Starts git with <paramref name="arguments"/>; the caller owns the process and its pipes.</summary>
    public static System.Diagnostics.Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        try
        {
            return System.Diagnostics.Process.Start(start) ?? throw new GitException("git did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitException("git is not installed or not on PATH (Debian: apt-get install git)", e);
        }
    }

    /// <summary>Runs git to its end with <paramref name="input"/> on its standard input; returns its standard output, or throws with its error output.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments, ReadOnlyMemory<byte> input = default,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var args = arguments.ToList();
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (!input.IsEmpty)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new GitException($"git {args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal))} failed ({process.ExitCode}): {Trim(error)}");
        }

        return output;
    }

    /// <summary>Kills a git process and its children, ignoring one that already ended.</summary>
    public static void Kill(System.Diagnostics.Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string Trim(string error)
    {
        var text = error.Trim();
        return text.Length > 2000 ? text[..2000] : text;
    }
}
