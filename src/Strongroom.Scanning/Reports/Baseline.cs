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
    /// <exception cref="JsonException">The stream is not JSON.</exception>
    /// <exception cref="InvalidDataException">It is JSON, but not such a report (no <c>findings</c> array).</exception>
    public static Baseline Load(Stream report)
    {
        using var document = JsonDocument.Parse(report);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            // A baseline that silently suppressed nothing would hide the mistake of passing the wrong file.
            throw new InvalidDataException("The baseline has no \"findings\" array: it is not a report of 'strongroom scan --format json'.");
        }

        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings.EnumerateArray())
        {
            if (finding.ValueKind == JsonValueKind.Object && finding.TryGetProperty("fingerprint", out var fingerprint)
                && fingerprint.ValueKind == JsonValueKind.String)
            {
                fingerprints.Add(fingerprint.GetString()!);
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
