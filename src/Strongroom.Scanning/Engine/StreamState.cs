namespace Strongroom.Scanning.Engine;

/// <summary>Per-input bookkeeping of a scan: where the buffer starts, line numbers, and each rule's last match.</summary>
internal sealed class StreamState
{
    private int _cursor;

    public StreamState(int rules)
    {
        LastEnd = new int[rules];
    }

    /// <summary>Absolute offset of the buffer's first character.</summary>
    public long Offset { get; private set; }

    /// <summary>Newlines before the cursor (0-based line of the cursor).</summary>
    public long Line { get; private set; }

    /// <summary>Absolute offset where the cursor's line starts.</summary>
    public long LineStart { get; private set; }

    /// <summary>Per rule, the buffer position just after its last match (matches never overlap within a rule).</summary>
    public int[] LastEnd { get; }

    /// <summary>The buffer position just after the last base64 value decoded (each is decoded once).</summary>
    public int DecodedEnd { get; set; }

    /// <summary>Moves the line cursor forward to <paramref name="position"/> in the buffer.</summary>
    public void AdvanceLines(ReadOnlySpan<byte> buffer, int position)
    {
        if (position <= _cursor)
        {
            return;
        }

        var segment = buffer[_cursor..position];
        var count = segment.Count((byte)'\n');
        if (count > 0)
        {
            Line += count;
            LineStart = Offset + _cursor + segment.LastIndexOf((byte)'\n') + 1;
        }

        _cursor = position;
    }

    /// <summary>Records that the buffer dropped its first <paramref name="removed"/> characters.</summary>
    public void Shift(int removed)
    {
        Offset += removed;
        DecodedEnd = Math.Max(0, DecodedEnd - removed);
        _cursor -= removed;
        for (var i = 0; i < LastEnd.Length; i++)
        {
            LastEnd[i] = Math.Max(0, LastEnd[i] - removed);
        }
    }
}
