using System.Text;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Tests.Engine;

/// <summary>
/// Long runs of near-matches for every rule must cost linear work: the count of pattern runs for 4n
/// characters stays within a constant of that for n. (Work is counted, not timed: a wall clock in a test
/// measures the machine; bench/ measures speed.)
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

    private static long Runs(string text)
    {
        var engine = new ScanEngine(new ScanOptions { EnableGenericRule = true });
        engine.ScanText(text);
        return engine.MatcherRuns;
    }

    [Fact]
    public void Scan_NearMissesForEveryRule_WorkGrowsLinearly()
    {
        // Arrange
        var small = NearMisses(4);
        var large = NearMisses(16);

        // Act
        var smallRuns = Runs(small);
        var largeRuns = Runs(large);

        // Assert
        Assert.InRange((double)largeRuns / smallRuns, 2.0, 6.0);
    }

    [Fact]
    public void Scan_LongRunOfOneCharacterAfterKeyword_LinearInRuns()
    {
        // Arrange: "postgres://" then an endless user name without ':' or '@' — classic backtracking bait.
        var smallText = "postgres://" + new string('a', 50_000);
        var largeText = "postgres://" + new string('a', 200_000);

        // Act
        var smallRuns = Runs(smallText);
        var largeRuns = Runs(largeText);

        // Assert: one keyword, one bounded pattern run, whatever follows it.
        Assert.Equal(1, smallRuns);
        Assert.Equal(1, largeRuns);
    }
}
