using System.Text;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Tests.Engine;

/// <summary>
/// Long runs of near-matches for every rule must cost linear work: the count of pattern runs and the
/// time for 4n characters must stay within a generous constant of those for n.
/// </summary>
public sealed class AdversarialInputTests
{
    private static string NearMisses(int copies)
    {
        var text = new StringBuilder();
        foreach (var rule in RuleCatalog.All())
        {
            foreach (var keyword in rule.Keywords)
            {
                // Each keyword followed by almost a secret, over and over, with no separator to break it.
                var nearMiss = keyword + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0-_";
                for (var i = 0; i < copies; i++)
                {
                    text.Append(nearMiss);
                }

                text.Append(keyword, 0, keyword.Length).Append(keyword).Append(keyword).Append(':', 3).Append('=', 3);
            }
        }

        return text.ToString();
    }

    private static (long Runs, TimeSpan Time) Measure(string text)
    {
        var engine = new ScanEngine(new ScanOptions { EnableGenericRule = true });
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        engine.ScanText(text);
        return (engine.MatcherRuns, stopwatch.Elapsed);
    }

    [Fact]
    public void Scan_NearMissesForEveryRule_WorkGrowsLinearly()
    {
        // Arrange
        var small = NearMisses(4);
        var large = NearMisses(16);
        Measure(small); // warm up the regex caches before timing

        // Act
        var (smallRuns, smallTime) = Measure(small);
        var (largeRuns, largeTime) = Measure(large);

        // Assert
        var runRatio = (double)largeRuns / smallRuns;
        var timeRatio = largeTime.TotalMilliseconds / Math.Max(1, smallTime.TotalMilliseconds);
        Assert.InRange(runRatio, 2.0, 6.0);
        Assert.True(timeRatio < 16, $"time ratio {timeRatio:F1} for 4x input suggests super-linear matching");
    }

    [Fact]
    public void Scan_LongRunOfOneCharacterAfterKeyword_LinearInRuns()
    {
        // Arrange: "postgres://" then an endless user name without ':' or '@' — classic backtracking bait.
        var smallText = "postgres://" + new string('a', 50_000);
        var largeText = "postgres://" + new string('a', 200_000);

        // Act
        var (smallRuns, _) = Measure(smallText);
        var (largeRuns, _) = Measure(largeText);

        // Assert: one keyword, one bounded pattern run, whatever follows it.
        Assert.Equal(1, smallRuns);
        Assert.Equal(1, largeRuns);
    }
}
