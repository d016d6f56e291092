using System.Runtime.CompilerServices;
using System.Text;
using Strongroom.Scanning.Config;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Engine;

/// <summary>
/// The scanner: one pass of a multi-literal prefilter (<see cref="KeywordFilter"/>) over the raw bytes
/// for every rule keyword, then each hit's rules run their non-backtracking pattern on a bounded window
/// around it. Inputs are streamed through per-thread buffers with overlap and never read whole.
/// Thread-safe: one engine serves every thread.
/// </summary>
public sealed partial class ScanEngine
{
    internal const int ChunkBytes = 1 << 18;
    private const int BinaryProbe = 8000;
    private const int LineContext = 1024;

    // Bytes scanned on the keyword filter's pair table before its SIMD stage is built: the build
    // (about 6 ms with the base64 forms' keywords) costs what the SIMD stage saves on roughly 10 MB,
    // so a pre-commit hook or a small tree never pays it and a large scan pays it once, early.
    private const long SimdAfterBytes = 8L << 20;
    private static readonly byte[] AllowMarker = "strongroom:allow"u8.ToArray();

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static char[]? t_window;

    private readonly SecretRule[] _rules;
    private readonly KeywordFilter _filter;
    private readonly long[] _runsPerRule;
    private readonly LeftBoundary[] _boundaries;
    private readonly int _maxDecodeDepth;
    private readonly ScanConfig? _config;
    private readonly int _longestKeyword;
    private readonly int _longestLookBehind;
    private long _matcherRuns;

    /// <summary>Builds an engine with the catalogue's rules for <paramref name="options"/>.</summary>
    public ScanEngine(ScanOptions? options = null)
        : this([.. RuleCatalog.Create(options ?? new ScanOptions()), .. (options?.Config ?? ScanConfig.Empty).Rules], (options ?? new ScanOptions()).MaxDecodeDepth)
    {
        _config = options?.Config;
    }

    /// <summary>Builds an engine over the given rules, decoding base64 to <paramref name="maxDecodeDepth"/> layers.</summary>
    public ScanEngine(IEnumerable<SecretRule> rules, int maxDecodeDepth = 2)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _maxDecodeDepth = Math.Max(0, maxDecodeDepth);
        _rules = [.. rules];
        _runsPerRule = new long[_rules.Length];
        _boundaries = [.. _rules.Select(r => r.KeywordBoundary)];
        var keywordRules = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _rules.Length; i++)
        {
            foreach (var keyword in _rules[i].Keywords)
            {
                if (!keywordRules.TryGetValue(keyword, out var list))
                {
                    keywordRules[keyword] = list = [];
                }

                list.Add(i);
            }
        }

        // The keywords' base64 forms map to an index past the rules: "decode the value here".
        var filterKeywords = keywordRules.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        foreach (var encoded in EncodedKeywords(_rules, _maxDecodeDepth))
        {
            filterKeywords[encoded] = filterKeywords.TryGetValue(encoded, out var plain) ? [.. plain, _rules.Length] : [_rules.Length];
        }

        _filter = new KeywordFilter(filterKeywords, SimdAfterBytes);
        _unkeyed = [.. Enumerable.Range(0, _rules.Length).Where(i => _rules[i].Keywords.Count == 0)];
        var longestKeyword = keywordRules.Count == 0 ? 2 : keywordRules.Keys.Max(k => k.Length);
        _longestKeyword = filterKeywords.Count == 0 ? 2 : filterKeywords.Keys.Max(k => k.Length);
        _longestLookBehind = _rules.Length == 0 ? 0 : _rules.Max(r => r.LookBehind);
        Tail = (_rules.Length == 0 ? 64 : _rules.Max(r => r.MaxLength + 2)) + longestKeyword;
        Back = (_rules.Length == 0 ? 0 : _rules.Max(r => r.LookBehind)) + 2 + LineContext;
        WindowLength = (_rules.Length == 0 ? 64 : _rules.Max(r => r.LookBehind + r.MaxLength)) + 4;
    }

    /// <summary>The rules this engine runs.</summary>
    public IReadOnlyList<SecretRule> Rules => _rules;

    /// <summary>Bytes kept after the scanned range so a match that starts in it can end.</summary>
    internal int Tail { get; }

    /// <summary>Bytes kept before the next range for look-behind and line context.</summary>
    internal int Back { get; }

    /// <summary>Largest window a pattern runs on.</summary>
    internal int WindowLength { get; }

    /// <summary>Counts pattern runs, for the linear-time test.</summary>
    internal long MatcherRuns => Interlocked.Read(ref _matcherRuns);

    /// <summary>Pattern runs per rule id so far, to find rules whose keywords are too common.</summary>
    internal IEnumerable<(string Rule, long Runs)> RunsPerRule => _rules.Select((r, i) => (r.Id, Interlocked.Read(ref _runsPerRule[i])));

    /// <summary>
    /// Scans <paramref name="input"/> to its end, adding findings to <paramref name="findings"/>.
    /// Returns the bytes read, or -1 when the input looks binary (a NUL byte near the start) and was skipped.
    /// </summary>
    public long Scan(Stream input, string path, ICollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(findings);

        // One pair of buffers per thread, taken while in use: renting large arrays per file cost more
        // than scanning the small files most trees are made of.
        var size = ChunkBytes + Tail + Back + 16;
        var buffer = t_buffer is { } cachedBuffer && cachedBuffer.Length >= size ? cachedBuffer : new byte[size];
        var window = t_window is { } cachedWindow && cachedWindow.Length >= WindowLength ? cachedWindow : new char[WindowLength];
        t_buffer = null;
        t_window = null;
        try
        {
            return ScanStream(input, path, findings, buffer, window);
        }
        finally
        {
            t_buffer = buffer;
            t_window = window;
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

    // The hot path is compiled fully optimised at once: short CLI runs otherwise spend much of their
    // time in tier-0 code before tiered compilation catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long ScanStream(Stream input, string path, ICollection<Finding> findings, byte[] buffer, char[] window)
    {
        var state = new StreamState(_rules.Length);
        var filled = 0;
        var scanFrom = 0;
        long total = 0;
        var candidates = new List<Candidate>();
        while (true)
        {
            var read = input.ReadAtLeast(buffer.AsSpan(filled, ChunkBytes), ChunkBytes, throwOnEndOfStream: false);
            if (total == 0 && Utf16Text.FromByteOrderMark(buffer.AsSpan(0, read)) is { } utf16)
            {
                // UTF-16 text (PowerShell scripts, some .NET and Windows config) is full of NUL bytes but
                // is not binary: scan it as UTF-8, the bytes already read first.
                using var utf8 = Utf16Text.AsUtf8(buffer.AsSpan(2, read - 2).ToArray(), input, utf16);
                return ScanStream(utf8, path, findings, buffer, window);
            }

            if (total == 0 && buffer.AsSpan(0, Math.Min(read, BinaryProbe)).Contains((byte)0))
            {
                return -1;
            }

            total += read;
            filled += read;
            var eof = read < ChunkBytes;
            var scanTo = eof ? filled : Math.Max(scanFrom, filled - Tail);
            var text = buffer.AsSpan(0, filled);
            FindCandidates(text, scanFrom, scanTo, state, candidates, window, depth: 0);
            RunUnkeyed(text, scanFrom, scanTo, state, candidates);
            Report(text, path, state, candidates, findings);
            if (eof)
            {
                return total;
            }

            var keepFrom = Math.Max(0, scanTo - Back);
            state.AdvanceLines(text, keepFrom);
            text[keepFrom..].CopyTo(buffer);
            filled -= keepFrom;
            state.Shift(keepFrom);
            scanFrom = scanTo - keepFrom;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindCandidates(ReadOnlySpan<byte> text, int from, int to, StreamState state, List<Candidate> candidates, char[] window, int depth)
    {
        _filter.Account(to - from);

        // The filter looks no further than a keyword starting before `to` needs: past it, the text is
        // only the patterns' context (a change's surroundings in a whole blob held in memory).
        var filtered = text[..Math.Min(text.Length, to + Math.Max(_longestKeyword, 4))];
        var position = from;
        while (position < to)
        {
            position = _filter.Next(filtered, position);
            if (position < 0 || position >= to)
            {
                return;
            }

            foreach (var entry in _filter.Candidates(text, position))
            {
                if (text[position..].StartsWith(entry.Keyword))
                {
                    foreach (var ruleIndex in entry.Rules)
                    {
                        if (ruleIndex < _rules.Length)
                        {
                            RunRule(text, position, ruleIndex, state, candidates, window);
                        }
                        else
                        {
                            Decode(text, position, state, candidates, window, depth);
                        }
                    }
                }
            }

            position++;
        }
    }

    private void RunRule(ReadOnlySpan<byte> text, int hit, int ruleIndex, StreamState state, List<Candidate> candidates, char[] window)
    {
        if (hit < state.LastEnd[ruleIndex])
        {
            return; // inside a match this rule already made
        }

        if (hit > 0 && _boundaries[ruleIndex] != LeftBoundary.None && IsBlockedByPrevious(_boundaries[ruleIndex], text[hit - 1]))
        {
            return; // the pattern's left boundary fails: no need to run it
        }

        var rule = _rules[ruleIndex];
        var start = Math.Max(0, hit - rule.LookBehind - 1);
        var end = Math.Min(text.Length, hit + rule.MaxLength + 1);
        Interlocked.Increment(ref _matcherRuns);
        Interlocked.Increment(ref _runsPerRule[ruleIndex]);

        // Latin-1 maps each byte to one char: ASCII stays itself and offsets stay byte offsets, so the
        // (all-ASCII) patterns see UTF-8 text exactly as it is.
        var chars = window.AsSpan(0, end - start);
        Encoding.Latin1.GetChars(text[start..end], chars);
        foreach (var match in rule.Regex.EnumerateMatches(chars))
        {
            var (secretStart, secretLength) = Extract(rule, chars.Slice(match.Index, match.Length));
            secretStart += start + match.Index;

            // Matches may share a boundary character with their neighbours; secrets never overlap.
            if (secretLength <= 0 || secretStart < state.LastEnd[ruleIndex])
            {
                continue;
            }

            state.LastEnd[ruleIndex] = secretStart + secretLength;
            var secret = Encoding.UTF8.GetString(text.Slice(secretStart, secretLength));
            if (!Accept(rule, secret) || IsAllowed(text, secretStart))
            {
                continue;
            }

            candidates.Add(new Candidate(secretStart, secretLength, ruleIndex, secret) { MatchStart = start + match.Index, MatchLength = match.Length });
        }
    }

    private readonly record struct Candidate(int Position, int Length, int Rule, string Secret, bool Decoded = false)
    {
        public int MatchStart { get; init; }

        public int MatchLength { get; init; }
    }
}
