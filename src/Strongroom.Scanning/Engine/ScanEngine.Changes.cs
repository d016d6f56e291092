namespace Strongroom.Scanning.Engine;

/// <summary>
/// Scanning only around what changed: a new version of a file whose earlier version was scanned (a git
/// delta against a blob of the same push) holds no secret that scanning near its changes misses. Every
/// pattern runs on a bounded window around a keyword, so a match the changes did not touch, with all the
/// bytes that decide it (look-behind, its line's allow marker), is one the earlier version already had.
/// </summary>
public sealed partial class ScanEngine
{
    /// <summary>
    /// Whether findings depend on the path (a configuration's path filters or allowlists), so that content
    /// scanned before its path is known would be judged wrongly.
    /// </summary>
    public bool ReadsPaths => _rules.Any(r => r.PathFilter is not null) || _config is { } config && (config.Allowlists.Count > 0 || config.RuleAllowlists.Count > 0);

    /// <summary>
    /// Scans the whole text <paramref name="text"/>, held in memory, only where a match could involve
    /// one of <paramref name="changes"/> (ranges in ascending order; an empty range marks a seam where two
    /// unrelated parts meet), and adds what it finds, with lines and offsets in the whole text. Returns the
    /// bytes scanned, or -1 when the text looks binary and was skipped, as <see cref="Scan"/> would.
    /// </summary>
    public long ScanChanged(ReadOnlySpan<byte> text, ReadOnlySpan<(int Start, int End)> changes, string path, ICollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (Utf16Text.FromByteOrderMark(text) is not null)
        {
            using var whole = new MemoryStream(text.ToArray(), writable: false);
            return Scan(whole, path, findings);
        }

        if (text[..Math.Min(text.Length, BinaryProbe)].Contains((byte)0))
        {
            return -1;
        }

        var window = t_window is { } cachedWindow && cachedWindow.Length >= WindowLength ? cachedWindow : new char[WindowLength];
        t_window = null;
        try
        {
            return ScanAround(text, changes, path, findings, window);
        }
        finally
        {
            t_window = window;
        }
    }

    private long ScanAround(ReadOnlySpan<byte> text, ReadOnlySpan<(int Start, int End)> changes, string path, ICollection<Finding> findings, char[] window)
    {
        var state = new StreamState(_rules.Length);
        var candidates = new List<Candidate>();
        var scanned = 0L;
        var (from, to) = (0, -1);
        foreach (var change in changes)
        {
            var (start, end) = WithinEncodedValue(text, change.Start, change.End);
            if (start >= from && end + LineContext + _longestLookBehind + 4 <= to)
            {
                continue; // inside the window, with all its line's reach: most of a delta's seams
            }

            // A change decides the matches whose pattern windows reach into it, and, by an allow marker,
            // the secrets on its lines within the marker's reach. A keyword up to a pattern's length before
            // them can start such a match; one up to the longest look-behind after them can look back.
            var (nextFrom, nextTo) = (Math.Max(0, LineStart(text, start) - Tail - 2), Math.Min(text.Length, LineEnd(text, end) + _longestLookBehind + 4));
            if (nextFrom <= to)
            {
                to = Math.Max(to, nextTo); // one window for changes close together: a delta has dozens
                continue;
            }

            scanned += ScanWindow(text, from, to, state, candidates, window);
            (from, to) = (nextFrom, nextTo);
        }

        scanned += ScanWindow(text, from, to, state, candidates, window);
        Report(text, path, state, candidates, findings);
        return scanned;
    }

    private long ScanWindow(ReadOnlySpan<byte> text, int from, int to, StreamState state, List<Candidate> candidates, char[] window)
    {
        if (to <= from)
        {
            return 0;
        }

        FindCandidates(text, from, to, state, candidates, window, depth: 0);
        RunUnkeyed(text, from, to, state, candidates);
        return to - from;
    }

    // Where the line holding `position` starts, no further back than an allow marker is looked for.
    private static int LineStart(ReadOnlySpan<byte> text, int position)
    {
        var floor = Math.Max(0, position - LineContext);
        return floor + text[floor..position].LastIndexOf((byte)'\n') + 1;
    }

    // Where the line holding `position` ends, no further on than an allow marker is looked for.
    private static int LineEnd(ReadOnlySpan<byte> text, int position)
    {
        var ceiling = Math.Min(text.Length, position + LineContext);
        var newline = text[position..ceiling].IndexOf((byte)'\n');
        return newline < 0 ? ceiling : position + newline;
    }

    // A change inside a base64 value changes what the whole value decodes to (one inserted character
    // shifts every group after it): the whole value, as far as a decode would read it, counts as changed.
    private static (int Start, int End) WithinEncodedValue(ReadOnlySpan<byte> text, int start, int end)
    {
        var floor = Math.Max(0, start - MaxEncodedLength);
        while (start > floor && IsBase64(text[start - 1]))
        {
            start--;
        }

        var ceiling = Math.Min(text.Length, end + MaxEncodedLength);
        while (end < ceiling && (IsBase64(text[end]) || text[end] == '='))
        {
            end++;
        }

        return (start, end);
    }
}
