using System.Buffers;
using System.Diagnostics;
using System.Text;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Benchmarks;

/// <summary>Times the multi-literal prefilter alone over one file for several keyword sets.</summary>
internal static class PrefilterProbe
{
    private static readonly int[] RuleZero = [0];

    public static void Run(string file)
    {
        var regexWatch = Stopwatch.StartNew();
        foreach (var rule in RuleCatalog.All())
        {
            var ruleWatch = Stopwatch.StartNew();
            rule.Regex.IsMatch(rule.TruePositives[0]);
            if (ruleWatch.Elapsed.TotalMilliseconds > 5)
            {
                Console.WriteLine($"  {rule.Id}: {ruleWatch.Elapsed.TotalMilliseconds:F0} ms to build and first match");
            }
        }

        Console.WriteLine($"all patterns built and run once: {regexWatch.Elapsed.TotalMilliseconds:F0} ms");
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
        var all = RuleCatalog.Create(new()).SelectMany(r => r.Keywords).Distinct().ToArray();
        var bytesAll = Encoding.Latin1.GetBytes(text);
        var keywordRules = all.ToDictionary(k => k, _ => RuleZero, StringComparer.Ordinal);
        var buildWatch = Stopwatch.StartNew();
        var newFilter = new Strongroom.Scanning.Engine.KeywordFilter(keywordRules);
        var firstBuild = buildWatch.Elapsed.TotalMilliseconds;
        buildWatch.Restart();
        _ = new Strongroom.Scanning.Engine.KeywordFilter(keywordRules);
        Console.WriteLine($"filter built in {firstBuild:F1} ms (first, with JIT), {buildWatch.Elapsed.TotalMilliseconds:F1} ms (second)");
        Console.WriteLine(
            $"SIMD stage: Vector256 {Strongroom.Scanning.Engine.KeywordFilter.IsVector256Path}, Vector128 {Strongroom.Scanning.Engine.KeywordFilter.IsVector128Path}");
        for (var round = 0; round < 5; round++)
        {
            // The scalar path is the filter as it was before the SIMD stage (the pair table at every position).
            var n = Count(bytesAll, newFilter.Next, out var tNew);
            var v128 = Count(bytesAll, newFilter.NextVector128, out var t128);
            var scalar = Count(bytesAll, newFilter.NextScalar, out var tScalar);
            Console.WriteLine($"SIMD {bytesAll.Length / 1e6 / tNew:F0} MB/s ({n}), 128-bit {bytesAll.Length / 1e6 / t128:F0} MB/s ({v128}), "
                + $"scalar {bytesAll.Length / 1e6 / tScalar:F0} MB/s ({scalar}), SIMD/scalar {tScalar / tNew:F2}x{(n == v128 && n == scalar ? "" : "  COUNTS DIFFER")}");
        }

        Time("all", text, all);
        Time("len>=4", text, all.Where(k => k.Length >= 4).ToArray());
        Time("first 16", text, all.Take(16).ToArray());
        Time("first 48", text, all.Take(48).ToArray());
        Time("first 96", text, all.Take(96).ToArray());
        Time("ignorecase", text, all.Select(k => k.ToLowerInvariant()).Distinct().ToArray(), StringComparison.OrdinalIgnoreCase);
    }

    private static int Count(byte[] bytes, Func<ReadOnlySpan<byte>, int, int> next, out double seconds)
    {
        var watch = Stopwatch.StartNew();
        var count = 0;
        for (var p = next(bytes, 0); p >= 0; p = next(bytes, p + 1))
        {
            count++;
        }

        seconds = watch.Elapsed.TotalSeconds;
        return count;
    }

    private static void Time(string name, string text, string[] keywords, StringComparison comparison = StringComparison.Ordinal)
    {
        var values = SearchValues.Create(keywords, comparison);
        var stopwatch = Stopwatch.StartNew();
        var span = text.AsSpan();
        var hits = 0;
        int index;
        while ((index = span.IndexOfAny(values)) >= 0)
        {
            hits++;
            span = span[(index + 1)..];
        }

        Console.WriteLine($"{name,-12} {keywords.Length,4} keywords: {text.Length / 1e6 / stopwatch.Elapsed.TotalSeconds,8:F0} MB/s, {hits} hits");
    }
}
