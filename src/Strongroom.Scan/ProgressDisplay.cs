using System.Globalization;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scan;

/// <summary>A one-line progress bar on stderr (files, MB, MB/s), only when stderr is a terminal.</summary>
internal sealed class ProgressDisplay : IDisposable
{
    private readonly ScanProgress _progress;
    private readonly TextWriter _stderr;
    private readonly Timer _timer;
    private readonly System.Diagnostics.Stopwatch _elapsed = System.Diagnostics.Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _frame;

    private ProgressDisplay(ScanProgress progress, TextWriter stderr)
    {
        _progress = progress;
        _stderr = stderr;
        _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
    }

    public static IDisposable? StartIfTerminal(ScanProgress progress, TextWriter stderr, bool wanted) =>
        wanted && !Console.IsErrorRedirected ? new ProgressDisplay(progress, stderr) : null;

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _stderr.Write("\r\u001b[2K");
            _stderr.Flush();
        }
    }

    private void Draw()
    {
        lock (_gate)
        {
            var seconds = Math.Max(0.001, _elapsed.Elapsed.TotalSeconds);
            var megabytes = _progress.Bytes / 1e6;
            var spinner = "|/-\\"[_frame++ % 4];
            var bar = new string('#', _frame % 20).PadRight(20, '.');
            _stderr.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\r\u001b[2K{spinner} [{bar}] {_progress.Files} files, {megabytes:F1} MB, {megabytes / seconds:F0} MB/s"));
            _stderr.Flush();
        }
    }
}
