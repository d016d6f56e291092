using System.Diagnostics;

namespace Strongroom.Cli.Tests;

/// <summary>Waits for a child process the tests started, reading both of its streams, and kills it if it overstays.</summary>
internal static class ChildProcess
{
    /// <exception cref="TimeoutException">It did not exit within <paramref name="patience"/> (it is killed with its children).</exception>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(Process process, TimeSpan patience, string what)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish in {patience}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
