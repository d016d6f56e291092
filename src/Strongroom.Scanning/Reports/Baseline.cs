using System.Text.Json;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Reports;

/// <summary>Fingerprints of findings accepted earlier, read from a JSON report; matching findings are suppressed.</summary>
public sealed class Baseline
{
    private readonly HashSet<string> _fingerprints;

    private Baseline(HashSet<string> fingerprints)
    {
        _fingerprints = fingerprints;
    }

    /// <summary>How many fingerprints the baseline holds.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>Reads the <c>findings[].fingerprint</c> values of a report written by <see cref="JsonReport"/>.</summary>
    public static Baseline Load(Stream report)
    {
        using var document = JsonDocument.Parse(report);
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array)
        {
            foreach (var finding in findings.EnumerateArray())
            {
                if (finding.TryGetProperty("fingerprint", out var fingerprint) && fingerprint.GetString() is { } value)
                {
                    fingerprints.Add(value);
                }
            }
        }

        return new Baseline(fingerprints);
    }

    /// <summary>Whether <paramref name="finding"/> was in the baseline.</summary>
    public bool Contains(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return _fingerprints.Contains(finding.Fingerprint);
    }
}
