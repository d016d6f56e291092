using System.Buffers;
using System.Text;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Engine;

/// <summary>
/// The scanner: one pass of a vectorized multi-literal search (<see cref="SearchValues{T}"/> of strings,
/// Teddy) over every rule keyword, then each hit's rules run their non-backtracking pattern on a bounded
/// window around it. Inputs are streamed through pooled buffers with overlap and never read whole.
/// Thread-safe: one engine serves every thread.
/// </summary>
public sealed class ScanEngine
{
    internal const int ChunkBytes = 1 << 20;
    private const int BinaryProbe = 8000;
    private const int LineContext = 1024;

    private readonly SecretRule[] _rules;
    private readonly SearchValues<string> _keywords;
    private readonly KeywordEntry[]?[] _byFirstChar = new KeywordEntry[]?[128];

    /// <summary>Builds an engine with the catalogue's rules for <paramref name="options"/>.</summary>
    public ScanEngine(ScanOptions? options = null)
        : this(RuleCatalog.Create(options ?? new ScanOptions()))
    {
    }

    /// <summary>Builds an engine over the given rules.</summary>
    public ScanEngine(IEnumerable<SecretRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        var keywordRules = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _rules.Length; i++)
        {
            foreach (var keyword in _rules[i].Keywords)
            {
                if (keyword.Length == 0 || keyword[0] >= 128)
                {
                    throw new ArgumentException($"Rule {_rules[i].Id}: keywords must start with an ASCII character.", nameof(rules));
                }

                if (!keywordRules.TryGetValue(keyword, out var list))
                {
                    keywordRules[keyword] = list = [];
                }

                list.Add(i);
            }
        }

        _keywords = SearchValues.Create([.. keywordRules.Keys], StringComparison.Ordinal);
        foreach (var group in keywordRules.GroupBy(k => k.Key[0]))
        {
            _byFirstChar[group.Key] = [.. group.Select(k => new KeywordEntry(k.Key, [.. k.Value]))];
        }

        Tail = _rules.Length == 0 ? 64 : _rules.Max(r => r.MaxLength + 2) + keywordRules.Keys.Max(k => k.Length);
        Back = (_rules.Length == 0 ? 0 : _rules.Max(r => r.LookBehind)) + 2 + LineContext;
    }

    /// <summary>The rules this engine runs.</summary>
    public IReadOnlyList<SecretRule> Rules => _rules;

    /// <summary>Characters kept after the scanned range so a match that starts in it can end.</summary>
    internal int Tail { get; }

    /// <summary>Characters kept before the next range for look-behind and line context.</summary>
    internal int Back { get; }

    /// <summary>Counts pattern runs, for the linear-time test.</summary>
    internal long MatcherRuns => Interlocked.Read(ref _matcherRuns);

    private long _matcherRuns;

    /// <summary>
    /// Scans <paramref name="input"/> to its end, adding findings to <paramref name="findings"/>.
    /// Returns the bytes read, or -1 when the input looks binary (a NUL byte near the start) and was skipped.
    /// </summary>
    public long Scan(Stream input, string path, ICollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(findings);
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes + Tail + Back + 16);
        try
        {
            return ScanStream(input, path, findings, bytes, chars);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Scans a string (as UTF-8), for tests and small inputs.</summary>
    public IReadOnlyList<Finding> ScanText(string text, string path = "-")
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<Finding>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        Scan(stream, path, findings);
        return findings;
    }

    private long ScanStream(Stream input, string path, ICollection<Finding> findings, byte[] bytes, char[] buffer)
    {
        var state = new StreamState(_rules.Length);
        var filled = 0;
        var scanFrom = 0;
        long total = 0;
        var candidates = new List<Candidate>();
        while (true)
        {
            var read = input.ReadAtLeast(bytes.AsSpan(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false);
            if (total == 0 && bytes.AsSpan(0, Math.Min(read, BinaryProbe)).Contains((byte)0))
            {
                return -1;
            }

            total += read;
            var eof = read < ChunkBytes;

            // Latin-1 maps each byte to one char: ASCII stays itself, so offsets are byte offsets and
            // every rule (all ASCII) sees UTF-8 text exactly as it is, at vectorized widening speed.
            filled += Encoding.Latin1.GetChars(bytes.AsSpan(0, read), buffer.AsSpan(filled));
            var scanTo = eof ? filled : Math.Max(scanFrom, filled - Tail);
            FindCandidates(buffer.AsSpan(0, filled), scanFrom, scanTo, state, candidates);
            Report(buffer.AsSpan(0, filled), path, state, candidates, findings);
            if (eof)
            {
                return total;
            }

            var keepFrom = Math.Max(0, scanTo - Back);
            state.AdvanceLines(buffer.AsSpan(0, filled), keepFrom);
            buffer.AsSpan(keepFrom, filled - keepFrom).CopyTo(buffer);
            filled -= keepFrom;
            state.Shift(keepFrom);
            scanFrom = scanTo - keepFrom;
        }
    }

    private void FindCandidates(ReadOnlySpan<char> text, int from, int to, StreamState state, List<Candidate> candidates)
    {
        var position = from;
        while (position < to)
        {
            var hit = text[position..].IndexOfAny(_keywords);
            if (hit < 0)
            {
                return;
            }

            position += hit;
            if (position >= to)
            {
                return;
            }

            var entries = _byFirstChar[text[position]];
            if (entries is not null)
            {
                foreach (var entry in entries)
                {
                    if (text[position..].StartsWith(entry.Keyword, StringComparison.Ordinal))
                    {
                        foreach (var ruleIndex in entry.Rules)
                        {
                            RunRule(text, position, ruleIndex, state, candidates);
                        }
                    }
                }
            }

            position++;
        }
    }

    private void RunRule(ReadOnlySpan<char> text, int hit, int ruleIndex, StreamState state, List<Candidate> candidates)
    {
        if (hit < state.LastEnd[ruleIndex])
        {
            return; // inside a match this rule already made
        }

        var rule = _rules[ruleIndex];
        var start = Math.Max(0, hit - rule.LookBehind - 1);
        var end = Math.Min(text.Length, hit + rule.MaxLength + 1);
        Interlocked.Increment(ref _matcherRuns);
        foreach (var match in rule.Regex.EnumerateMatches(text[start..end]))
        {
            var matchStart = start + match.Index;
            if (matchStart < state.LastEnd[ruleIndex])
            {
                continue;
            }

            state.LastEnd[ruleIndex] = matchStart + match.Length;
            var (secret, secretStart) = Extract(rule, text.Slice(matchStart, match.Length), matchStart);
            if (secret is null || !Accept(rule, secret) || IsAllowed(text, secretStart))
            {
                continue;
            }

            candidates.Add(new Candidate(secretStart, ruleIndex, secret));
        }
    }

    private static (string? Secret, int Start) Extract(SecretRule rule, ReadOnlySpan<char> match, int matchStart)
    {
        if (!rule.HasSecretGroup)
        {
            return (new string(match), matchStart);
        }

        var group = rule.Regex.Match(new string(match)).Groups["secret"];
        return group.Success ? (group.Value, matchStart + group.Index) : (null, 0);
    }

    private static bool Accept(SecretRule rule, string secret) =>
        (rule.MinEntropy <= 0 || Placeholders.Entropy(secret) >= rule.MinEntropy)
        && !Placeholders.IsPlaceholder(secret, rule.AllowRepeats)
        && (rule.Validate is null || rule.Validate(secret));

    private static bool IsAllowed(ReadOnlySpan<char> text, int position)
    {
        var before = text[Math.Max(0, position - LineContext)..position];
        var lineStart = before.LastIndexOf('\n') + 1;
        var after = text[position..Math.Min(text.Length, position + LineContext)];
        var lineEnd = after.IndexOf('\n');
        var line = text[(position - before.Length + lineStart)..(position + (lineEnd < 0 ? after.Length : lineEnd))];
        return line.Contains("strongroom:allow", StringComparison.Ordinal);
    }

    private void Report(ReadOnlySpan<char> text, string path, StreamState state, List<Candidate> candidates, ICollection<Finding> findings)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        candidates.Sort((a, b) => a.Position.CompareTo(b.Position));
        foreach (var candidate in candidates)
        {
            state.AdvanceLines(text, candidate.Position);
            var rule = _rules[candidate.Rule];
            var offset = state.Offset + candidate.Position;
            findings.Add(new Finding
            {
                RuleId = rule.Id,
                Description = rule.Description,
                Confidence = rule.Confidence,
                Path = path,
                Line = state.Line + 1,
                Column = (int)Math.Min(int.MaxValue, offset - state.LineStart + 1),
                Offset = offset,
                Secret = candidate.Secret,
            });
        }

        candidates.Clear();
    }

    private readonly record struct KeywordEntry(string Keyword, int[] Rules);

    private readonly record struct Candidate(int Position, int Rule, string Secret);
}
