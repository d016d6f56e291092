using System.Text.Json;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Reports;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning accepts it: one run, the driver's rules with ids, descriptions and
/// help, results with a relative location and <c>partialFingerprints</c> (the secret's fingerprint, never
/// the secret). Messages carry only the masked secret.
/// </summary>
public static class SarifReport
{
    /// <summary>The schema this writer targets.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Writes the log; <paramref name="rules"/> are the rules that ran (all are listed).</summary>
    public static void Write(Stream output, IReadOnlyList<Finding> findings, IReadOnlyList<SecretRule> rules)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(rules);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "strongroom");
        json.WriteString("semanticVersion", "1.0.0");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            ruleIndex[rule.Id] = ruleIndex.Count;
            WriteRule(json, rule);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartArray("results");
        foreach (var finding in findings)
        {
            WriteResult(json, finding, ruleIndex.TryGetValue(finding.RuleId, out var index) ? index : -1);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, SecretRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", string.Concat(rule.Id.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..])));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Description);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", $"{rule.Description} found in the code.");
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", rule.Remediation);
        json.WriteString("markdown", $"**{rule.Description}**\n\n{rule.Remediation}\n\n"
            + "To accept a known value, record it in a baseline (`--baseline`) or add `strongroom:allow` on its line.");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Confidence));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue("security");
        json.WriteStringValue("secret");
        json.WriteEndArray();
        json.WriteString("precision", Precision(rule.Confidence));
        json.WriteString("security-severity", rule.Confidence >= Confidence.High ? "9.0" : "7.0");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (ruleIndex >= 0)
        {
            json.WriteNumber("ruleIndex", ruleIndex);
        }

        json.WriteString("level", Level(finding.Confidence));
        json.WriteStartObject("message");
        var where = finding.Commit is null ? string.Empty : $" (introduced in commit {finding.Commit})";
        json.WriteString("text", $"{finding.Description}: {finding.Masked}{where}");
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri(finding.Path));
        json.WriteString("uriBaseId", "%SRCROOT%");
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, finding.Line));
        json.WriteNumber("startColumn", Math.Max(1, finding.Column));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("secretFingerprint/v1", finding.Fingerprint);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Uri(string path)
    {
        var trimmed = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
        return string.Join('/', trimmed.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));
    }

    private static string Level(Confidence confidence) => confidence >= Confidence.Medium ? "error" : "warning";

    private static string Precision(Confidence confidence) => confidence switch
    {
        Confidence.Certain => "very-high",
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };
}
