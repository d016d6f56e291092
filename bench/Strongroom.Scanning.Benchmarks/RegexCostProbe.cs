using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Benchmarks;

/// <summary>Construction plus first match cost of a few pattern shapes under NonBacktracking.</summary>
internal static class RegexCostProbe
{
    public static void Run()
    {
        string[] patterns =
        [
            @"\bgsk_[A-Za-z0-9]{52}\b",
            @"(?:^|[^A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?:[^A-Za-z0-9_]|$)",
            @"\bgsk_[A-Za-z0-9]{52}\b",
            @"(?:^|[^A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?:[^A-Za-z0-9_]|$)",
            @"(?:MISTRAL|[Mm]istral)[A-Za-z_]{0,20}[""\x27]?\s{0,3}[:=]{1,2}\s{0,3}[""\x27]?(?<secret>[A-Za-z0-9]{32})\b",
            @"(?:MISTRAL|[Mm]istral)[A-Za-z_]{0,20}[""\x27]?[ \t]{0,3}[:=]{1,2}[ \t]{0,3}[""\x27]?(?<secret>[A-Za-z0-9]{32})(?:[^A-Za-z0-9_]|$)",
        ];
        var input = "key = gsk_" + new string('a', 52) + " MISTRAL_API_KEY=" + new string('b', 32);
        foreach (var pattern in patterns)
        {
            var watch = Stopwatch.StartNew();
            var regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
            var count = regex.Count(input);
            Console.WriteLine($"{watch.Elapsed.TotalMilliseconds,7:F2} ms  {count}  {pattern[..Math.Min(50, pattern.Length)]}");
        }
    }
}
