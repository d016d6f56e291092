namespace Strongroom.Scanning.Reports;

/// <summary>What a scan covered, for report footers.</summary>
/// <param name="Files">Inputs scanned.</param>
/// <param name="Bytes">Bytes scanned.</param>
/// <param name="Skipped">Inputs skipped (binary or unreadable).</param>
/// <param name="Elapsed">Wall-clock time of the scan.</param>
/// <param name="Suppressed">Findings suppressed by the baseline.</param>
public sealed record ScanSummary(long Files, long Bytes, long Skipped, TimeSpan Elapsed, int Suppressed = 0)
{
    /// <summary>Throughput in MB/s (10^6 bytes).</summary>
    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;
}
