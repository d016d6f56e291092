using System.Diagnostics;
using Strongroom.Scanning.Sources.Ignore;

namespace Strongroom.Scanning.Benchmarks;

/// <summary>
/// Times one compiled ignore file against every path of a tree (files and directories), in memory:
/// the cost of matching alone, per path, without the walk's system calls.
/// </summary>
internal static class MatchProbe
{
    public static void Run(string ignoreFile, string directory)
    {
        var root = Path.GetFullPath(directory);
        var paths = Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => (Path: Path.GetRelativePath(root, p).Replace('\\', '/'), IsDirectory: Directory.Exists(p)))
            .ToArray();
        var compile = Stopwatch.StartNew();
        var matcher = IgnoreMatcher.FromFile(ignoreFile);
        Console.WriteLine($"compile (first, with JIT): {compile.Elapsed.TotalMilliseconds:F2} ms");
        compile.Restart();
        matcher = IgnoreMatcher.FromFile(ignoreFile);
        Console.WriteLine($"compile (again): {compile.Elapsed.TotalMilliseconds:F2} ms");
        var empty = new IgnoreMatcher([]);
        foreach (var (name, candidate) in new[] { ("empty", empty), (ignoreFile, matcher) })
        {
            var best = double.MaxValue;
            var ignored = 0;
            for (var round = 0; round < 20; round++)
            {
                ignored = 0;
                var stopwatch = Stopwatch.StartNew();
                foreach (var (path, isDirectory) in paths)
                {
                    ignored += candidate.Match(path, isDirectory) == IgnoreDecision.Ignore ? 1 : 0;
                }

                best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"{name} ({candidate.PatternCount} patterns): {paths.Length} paths in {best:F2} ms, {best * 1e6 / paths.Length:F0} ns a path, {ignored} ignored");
        }
    }
}
