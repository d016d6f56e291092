using System.Runtime.InteropServices;

namespace Strongroom.Cli.Runner;

/// <summary>
/// Sends SIGTERM to a process: .NET's <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL,
/// which gives a Space no chance to shut down cleanly. Unix only.
/// </summary>
internal static class Signals
{
    private const int SigTerm = 15;

    /// <summary>True when the signal was sent (false when the process is already gone).</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    // DllImport rather than LibraryImport: the blittable signature needs no marshalling, and the
    // source generator would need unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
