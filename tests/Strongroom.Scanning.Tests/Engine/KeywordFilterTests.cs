using System.Text;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Tests.Engine;

public sealed class KeywordFilterTests
{
    private static readonly int[] AnyRule = [0];

    [Fact]
    public void Next_RandomTextWithPlantedKeywords_MissesNoOccurrence()
    {
        // Arrange: every keyword of every rule, planted in random text, must be reported as a candidate.
        var keywords = RuleCatalog.All().SelectMany(r => r.Keywords).Distinct(StringComparer.Ordinal).ToList();
        var filter = new KeywordFilter(keywords.ToDictionary(k => k, _ => AnyRule, StringComparer.Ordinal));
        var random = new Random(7);
        var text = new StringBuilder();
        var planted = new List<(int Position, string Keyword)>();
        for (var i = 0; i < 5000; i++)
        {
            text.Append((char)random.Next(32, 127));
            if (i % 25 == 0)
            {
                var keyword = keywords[random.Next(keywords.Count)];
                planted.Add((text.Length, keyword));
                text.Append(keyword);
            }
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        var candidates = new HashSet<int>();

        // Act
        for (var position = filter.Next(bytes, 0); position >= 0; position = filter.Next(bytes, position + 1))
        {
            candidates.Add(position);
        }

        // Assert
        Assert.All(planted, p => Assert.Contains(p.Position, candidates));
        Assert.All(planted, p => Assert.Contains(filter.Candidates(bytes, p.Position).ToArray(), e => Encoding.ASCII.GetString(e.Keyword) == p.Keyword));
    }

    [Fact]
    public void Next_TextWithoutKeywords_NoCandidates()
    {
        // Arrange
        var filter = new KeywordFilter(new Dictionary<string, int[]> { ["ghp_"] = [0], ["Q~"] = [1], ["eyJ"] = [2] });
        var bytes = Encoding.ASCII.GetBytes("ghq_ gh eyj Q- just text, no keys here\n");

        // Act
        var position = filter.Next(bytes, 0);

        // Assert
        Assert.Equal(-1, position);
    }
}
