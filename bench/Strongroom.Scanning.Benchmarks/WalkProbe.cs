using System.Diagnostics;
using Strongroom.Scanning.Sources;

namespace Strongroom.Scanning.Benchmarks;

/// <summary>
/// Times the file listing alone (no reading, no scanning) of each directory given, interleaved and
/// repeated, so that the cost of ignore matching shows apart from the scan and from the noise of a
/// shared machine: best and median of the rounds per directory, and the process CPU time.
/// </summary>
internal static class WalkProbe
{
    private const int Rounds = 15;

    public static void Run(IReadOnlyList<string> directories)
    {
        var times = directories.Select(_ => new List<double>()).ToArray();
        var counts = new int[directories.Count];
        for (var round = 0; round < Rounds; round++)
        {
            // Interleaved: a burst of load from elsewhere hits every directory alike.
            for (var i = 0; i < directories.Count; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                counts[i] = FileTree.Enumerate(directories[i]).Count();
                times[i].Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        for (var i = 0; i < directories.Count; i++)
        {
            var sorted = times[i].Order().ToList();
            Console.WriteLine($"{directories[i]}: {counts[i]} files, best {sorted[0]:F1} ms, median {sorted[sorted.Count / 2]:F1} ms");
        }
    }
}
