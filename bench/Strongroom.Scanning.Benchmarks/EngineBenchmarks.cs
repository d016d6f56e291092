using System.Text;
using BenchmarkDotNet.Attributes;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Benchmarks;

/// <summary>
/// The engine's hot path on an in-memory input: ordinary source text with a few secrets, one stream
/// per iteration (prefilter, windows, patterns, line counting); the engine's keyword filter alone; and,
/// as the baseline, <see cref="System.Buffers.SearchValues{T}"/> of strings (Teddy) over the same keywords.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly int[] AnyRule = [0];
    private readonly ScanEngine _engine = new();
    private byte[] _source = [];
    private string _sourceText = string.Empty;
    private System.Buffers.SearchValues<string> _keywords = null!;
    private KeywordFilter _filter = null!;

    [Params(1 << 20, 8 << 20)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        var random = new Random(42);
        var rules = RuleCatalog.All();
        var words = new[]
        {
            "static", "inline", "int", "return", "struct", "const", "char", "void", "if", "for", "while",
            "token", "secret", "key", "self", "import", "def", "class",
        };
        while (text.Length < Size)
        {
            for (var i = 0; i < 12; i++)
            {
                text.Append(words[random.Next(words.Length)]).Append(' ');
            }

            text.Append(random.Next(1000)).Append(";\n");
            if (random.Next(2000) == 0)
            {
                var rule = rules[random.Next(rules.Count)];
                text.Append(rule.TruePositives[0]).Append('\n');
            }
        }

        _sourceText = text.ToString(0, Size);
        _source = Encoding.UTF8.GetBytes(_sourceText);
        string[] keywords = [.. _engine.Rules.SelectMany(r => r.Keywords).Distinct()];
        _keywords = System.Buffers.SearchValues.Create(keywords, StringComparison.Ordinal);
        _filter = new KeywordFilter(keywords.ToDictionary(k => k, _ => AnyRule, StringComparer.Ordinal));
    }

    [Benchmark]
    public int Scan()
    {
        var findings = new List<Finding>();
        using var stream = new MemoryStream(_source, writable: false);
        _engine.Scan(stream, "bench.txt", findings);
        return findings.Count;
    }

    [Benchmark]
    public int KeywordFilterOnly()
    {
        var hits = 0;
        for (var position = _filter.Next(_source, 0); position >= 0; position = _filter.Next(_source, position + 1))
        {
            hits++;
        }

        return hits;
    }

    [Benchmark(Baseline = true)]
    public int SearchValuesOnly()
    {
        var span = _sourceText.AsSpan();
        var hits = 0;
        int index;
        while ((index = span.IndexOfAny(_keywords)) >= 0)
        {
            hits++;
            span = span[(index + 1)..];
        }

        return hits;
    }
}
