namespace Strongroom.Scanning.Engine;

/// <summary>Counters a scan updates as it goes, safe to read from another thread for a progress display.</summary>
public sealed class ScanProgress
{
    private long _files;
    private long _bytes;
    private long _skipped;

    /// <summary>Inputs scanned so far.</summary>
    public long Files => Interlocked.Read(ref _files);

    /// <summary>Bytes scanned so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Inputs skipped (binary, unreadable).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Records one scanned input.</summary>
    public void AddFile(long bytes)
    {
        Interlocked.Increment(ref _files);
        Interlocked.Add(ref _bytes, bytes);
    }

    /// <summary>Records one skipped input.</summary>
    public void AddSkipped() => Interlocked.Increment(ref _skipped);
}
