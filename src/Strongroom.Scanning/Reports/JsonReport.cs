using System.Text.Json;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Reports;

/// <summary>
/// The machine-readable report. It never holds a raw secret: only its masked form and fingerprint,
/// which is what <see cref="Baseline"/> reads back.
/// </summary>
public static class JsonReport
{
    /// <summary>Writes <paramref name="findings"/> and the summary as JSON.</summary>
    public static void Write(Stream output, IReadOnlyList<Finding> findings, ScanSummary summary)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(summary);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("tool", "strongroom");
        json.WriteNumber("version", 1);
        json.WriteStartObject("summary");
        json.WriteNumber("findings", findings.Count);
        json.WriteNumber("files", summary.Files);
        json.WriteNumber("bytes", summary.Bytes);
        json.WriteNumber("skipped", summary.Skipped);
        json.WriteNumber("suppressed", summary.Suppressed);
        json.WriteNumber("seconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            json.WriteString("description", finding.Description);
            json.WriteString("confidence", finding.Confidence.ToString().ToLowerInvariant());
            json.WriteString("path", finding.Path);
            json.WriteNumber("line", finding.Line);
            json.WriteNumber("column", finding.Column);
            if (finding.Encoding is not null)
            {
                json.WriteString("encoding", finding.Encoding);
            }

            if (finding.Commit is not null)
            {
                json.WriteString("commit", finding.Commit);
            }

            json.WriteString("masked", finding.Masked);
            json.WriteString("fingerprint", finding.Fingerprint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
