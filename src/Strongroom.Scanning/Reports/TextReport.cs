using System.Globalization;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Reports;

/// <summary>The report for people: one line per finding with the secret masked, then a summary.</summary>
public static class TextReport
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter output, IReadOnlyList<Finding> findings, ScanSummary summary)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(summary);
        var culture = CultureInfo.InvariantCulture;
        foreach (var finding in findings)
        {
            var commit = finding.Commit is null ? string.Empty : $" (commit {finding.Commit[..Math.Min(12, finding.Commit.Length)]})";
            var decoded = finding.Encoding is null ? string.Empty : $" (in a {finding.Encoding} value starting here)";
            output.WriteLine(string.Create(culture, $"{finding.Path}:{finding.Line}:{finding.Column}{commit}{decoded}"));
            output.WriteLine(string.Create(culture, $"    {finding.RuleId} [{finding.Confidence.ToString().ToLowerInvariant()}] {finding.Description}: {finding.Masked}"));
        }

        var byConfidence = findings
            .GroupBy(f => f.Confidence)
            .OrderByDescending(g => g.Key)
            .Select(g => string.Create(culture, $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        var detail = findings.Count == 0 ? string.Empty : $" ({string.Join(", ", byConfidence)})";
        var suppressed = summary.Suppressed == 0 ? string.Empty : string.Create(culture, $", {summary.Suppressed} suppressed by baseline");
        output.WriteLine(string.Create(
            culture,
            $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")}{detail} in {summary.Files} files, {summary.Bytes / 1e6:F1} MB, "
                + $"{summary.Elapsed.TotalSeconds:F2} s ({summary.MegabytesPerSecond:F0} MB/s){suppressed}; {summary.Skipped} skipped."));
    }
}
