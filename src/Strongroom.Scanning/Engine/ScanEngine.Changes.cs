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
        // A keyword up to a pattern's length (and a line's allow-marker context) before a change can start
        // a match that reaches into it; one up to the longest look-behind (and that context) after it can
        // look back into it.
        var before = Tail + LineContext + 2;
        var after = _longestLookBehind + LineContext + 4;
        var state = new StreamState(_rules.Length);
        var candidates = new List<Candidate>();
        var scanned = 0L;
        var done = 0;
        foreach (var change in changes)
        {
            var (start, end) = WithinEncodedValue(text, change.Start, change.End);
            var from = Math.Max(done, start - before);
            var to = Math.Min(text.Length, end + after);
            if (to <= from)
            {
                continue;
            }

            FindCandidates(text, from, to, state, candidates, window, depth: 0);
            RunUnkeyed(text, from, to, state, candidates);
            scanned += to - from;
            done = to;
        }

        Report(text, path, state, candidates, findings);
        return scanned;
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
