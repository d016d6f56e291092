using System.Diagnostics;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Sources;

namespace Strongroom.Scanning.Benchmarks;

/// <summary>Scans a directory once and prints the rules whose keywords make the pattern run most often.</summary>
internal static class KeywordProbe
{
    public static void Run(string directory)
    {
        var sw = Stopwatch.StartNew();
        var files = Strongroom.Scanning.Sources.FileTree.Enumerate(directory).ToList();
        Console.WriteLine($"enumerate: {files.Count} files in {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        long total = 0;
        Parallel.ForEach(files, f => Interlocked.Add(ref total, File.ReadAllBytes(f).Length));
        Console.WriteLine($"read all: {total / 1e6:F0} MB in {sw.Elapsed.TotalSeconds:F2} s");
        var engine = new ScanEngine();
        var contents = files.Select(File.ReadAllBytes).ToList();
        sw.Restart();
        var sink = new List<Finding>();
        foreach (var content in contents)
        {
            using var memory = new MemoryStream(content);
            engine.Scan(memory, "x", sink);
        }

        Console.WriteLine($"in-memory, 1 thread: {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            engine.Scan(stream, "x", sink);
        }

        Console.WriteLine($"files, 1 thread: {sw.Elapsed.TotalSeconds:F2} s");
        var progress = new ScanProgress();
        var stopwatch = Stopwatch.StartNew();
        var findings = new PathScanner(engine)
        {
            Parallelism = int.Parse(Environment.GetEnvironmentVariable("JOBS") ?? "2", System.Globalization.CultureInfo.InvariantCulture),
        }.Scan([directory], progress);
        stopwatch.Stop();
        Console.WriteLine($"{progress.Files} files, {progress.Bytes / 1e6:F1} MB, {stopwatch.Elapsed.TotalSeconds:F2} s, "
            + $"{progress.Bytes / 1e6 / stopwatch.Elapsed.TotalSeconds:F0} MB/s, {findings.Count} findings, {engine.MatcherRuns} pattern runs");
        foreach (var (rule, runs) in engine.RunsPerRule.OrderByDescending(r => r.Runs).Take(15))
        {
            Console.WriteLine($"{runs,10}  {rule}");
        }
    }
}
