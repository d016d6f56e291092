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

public sealed class KeywordFilterSimdTests
{
    private static readonly int[] AnyRule = [0];

    private static readonly string[] AllKeywords = [.. RuleCatalog.All().SelectMany(r => r.Keywords).Distinct(StringComparer.Ordinal)];

    // Keywords of length 2, 3, 4 and longer, sharing first bytes and nibbles with each other.
    private static readonly string[] ShortKeywords = ["Q~", "eyJ", "SG.", "ghp_", "gho_", "sk-proj-", "-----BEGIN", "aa", "ab_"];

    [Fact]
    public void Next_RandomBytes_SimdAndScalarAgree()
    {
        // Arrange: every byte value, so high nibbles 8-F and hash-colliding third and fourth bytes occur.
        var random = new Random(11);
        var bytes = new byte[4099];
        random.NextBytes(bytes);

        // Act and assert
        AssertSameAtEveryStart(Filter(AllKeywords), bytes);
        AssertSameAtEveryStart(Filter(ShortKeywords), bytes);
    }

    [Fact]
    public void Next_RandomTextWithKeywordsAtEveryAlignment_SimdAndScalarAgree()
    {
        foreach (var keywords in new[] { AllKeywords, ShortKeywords })
        {
            // Arrange: each keyword at every offset 0-40 of a 64-byte stride (so across the 16- and
            // 32-byte block boundaries) in random printable text.
            var filter = Filter(keywords);
            var random = new Random(3);
            var text = new StringBuilder();
            foreach (var keyword in keywords.Take(40))
            {
                for (var offset = 0; offset <= 40; offset++)
                {
                    var stride = new StringBuilder();
                    while (stride.Length < 64)
                    {
                        stride.Append((char)random.Next(32, 127));
                    }

                    stride.Remove(offset, Math.Min(keyword.Length, 64 - offset)).Insert(offset, keyword);
                    text.Append(stride.ToString(0, 64));
                }
            }

            var bytes = Encoding.ASCII.GetBytes(text.ToString());

            // Act and assert
            AssertSameAtEveryStart(filter, bytes, step: 7);
            Assert.Equal(Positions(filter.NextScalar, bytes), Positions(filter.Next, bytes));
        }
    }

    /// <summary>
    /// Lengths of text before a keyword that put its end on either side of each 16- and 32-byte vector's
    /// edge (and the 64-byte block's): where the vector loop hands over to the scalar tail. Every other
    /// length repeats one of these cases.
    /// </summary>
    private static readonly int[] VectorEdges = [.. Enumerable.Range(0, 4), .. Enumerable.Range(12, 9), .. Enumerable.Range(28, 9), .. Enumerable.Range(60, 9)];

    [Fact]
    public void Next_KeywordsAtTheVeryEnd_SimdAndScalarAgree()
    {
        foreach (var keywords in new[] { AllKeywords, ShortKeywords })
        {
            var filter = Filter(keywords);
            foreach (var keyword in keywords)
            {
                foreach (var before in VectorEdges)
                {
                    // Arrange: the keyword (and each prefix of it) as the last bytes of the span.
                    for (var length = 1; length <= keyword.Length; length++)
                    {
                        var bytes = Encoding.ASCII.GetBytes(new string('x', before) + keyword[..length]);

                        // Act and assert
                        AssertSameAtEveryStart(filter, bytes);
                    }
                }
            }
        }
    }

    [Fact]
    public void Next_DenseKeywordFragments_SimdAndScalarAgree()
    {
        // Arrange: text made only of keyword fragments, so most positions are candidates.
        var filter = Filter(ShortKeywords);
        var random = new Random(5);
        var text = new StringBuilder();
        while (text.Length < 5000)
        {
            var keyword = ShortKeywords[random.Next(ShortKeywords.Length)];
            text.Append(keyword, 0, random.Next(1, keyword.Length + 1));
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());

        // Act and assert
        AssertSameAtEveryStart(filter, bytes);
    }

    [Fact]
    public void Next_BeforeAndAfterTheSimdStageIsBuilt_SameCandidates()
    {
        // Arrange: a filter that builds its SIMD stage only after 10,000 bytes are accounted for.
        var filter = new KeywordFilter(AllKeywords.ToDictionary(k => k, _ => AnyRule, StringComparer.Ordinal), simdAfterBytes: 10_000);
        var random = new Random(11);
        var text = new StringBuilder();
        for (var i = 0; i < 8000; i++)
        {
            text.Append(i % 40 == 0 ? AllKeywords[random.Next(AllKeywords.Length)] : ((char)random.Next(32, 127)).ToString());
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());

        // Act
        filter.Account(bytes.Length / 2);
        var built = filter.HasSimdStage;
        var before = Positions(filter.Next, bytes);
        filter.Account(bytes.Length);
        var after = Positions(filter.Next, bytes);

        // Assert
        Assert.False(built);
        Assert.True(filter.HasSimdStage);
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
        Assert.Equal(before, Positions(filter.NextVector256, bytes));
    }

    [Fact]
    public void Next_EmptyAndOneByteSpans_NoCandidates()
    {
        var filter = Filter(ShortKeywords);
        foreach (var bytes in new[] { Array.Empty<byte>(), "Q"u8.ToArray(), "e"u8.ToArray() })
        {
            AssertSameAtEveryStart(filter, bytes);
            Assert.Equal(-1, filter.Next(bytes, 0));
        }
    }

    private static KeywordFilter Filter(string[] keywords) =>
        new(keywords.ToDictionary(k => k, _ => AnyRule, StringComparer.Ordinal));

    private static void AssertSameAtEveryStart(KeywordFilter filter, byte[] bytes, int step = 1)
    {
        for (var start = 0; start <= bytes.Length; start += step)
        {
            var expected = filter.NextScalar(bytes, start);
            Assert.Equal(expected, filter.Next(bytes, start));
            Assert.Equal(expected, filter.NextVector256(bytes, start));
            Assert.Equal(expected, filter.NextVector128(bytes, start));
        }
    }

    private static List<int> Positions(Func<ReadOnlySpan<byte>, int, int> next, byte[] bytes)
    {
        var positions = new List<int>();
        for (var position = next(bytes, 0); position >= 0; position = next(bytes, position + 1))
        {
            positions.Add(position);
        }

        return positions;
    }
}
