using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Reports;

namespace Strongroom.Scanning.Tests.Reports;

public sealed class SarifReportTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    private static JsonSchema LoadSchema()
    {
        // The committed schema is the SARIF 2.1.0 schema (draft-04 dialect). It uses no draft-04-only
        // keyword (no boolean exclusiveMinimum), so it is evaluated with draft-07 semantics, which
        // JsonSchema.Net implements; only "$schema" is changed and the draft-04 "id" dropped for that.
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "Schemas", "sarif-schema-2.1.0.json"));
        var node = JsonNode.Parse(text)!.AsObject();
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node.Remove("id");
        return JsonSchema.FromText(node.ToJsonString());
    }

    private static string Sarif(string text, string path)
    {
        var engine = new ScanEngine();
        var findings = engine.ScanText(text, path);
        using var output = new MemoryStream();
        SarifReport.Write(output, findings, engine.Rules);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void Write_Findings_ValidatesAgainstSarifSchema()
    {
        // Arrange
        var schema = Schema.Value;
        var sarif = Sarif($"a\nkey = {Secrets.Token()}\n", "dir with space/app.py");

        // Act
        var result = schema.Evaluate(JsonDocument.Parse(sarif).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        // Assert
        Assert.True(result.IsValid, string.Join("\n", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
    }

    [Fact]
    public void Write_BrokenLog_FailsSchemaValidation()
    {
        // Arrange: proves the validation can fail — a result without its required message.
        var schema = Schema.Value;
        var node = JsonNode.Parse(Sarif(Secrets.Token(), "a.txt"))!;
        node["runs"]![0]!["results"]![0]!.AsObject().Remove("message");

        // Act
        var result = schema.Evaluate(JsonDocument.Parse(node.ToJsonString()).RootElement);

        // Assert
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Write_Finding_HasRuleHelpLocationAndFingerprintButNoSecret()
    {
        // Arrange
        var token = Secrets.Token();

        // Act
        var sarif = Sarif($"key = {token}", "src/app.py");
        using var document = JsonDocument.Parse(sarif);
        var run = document.RootElement.GetProperty("runs")[0];
        var result = run.GetProperty("results")[0];

        // Assert
        Assert.DoesNotContain(token, sarif, StringComparison.Ordinal);
        Assert.Equal("strongroom-token", result.GetProperty("ruleId").GetString());
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[result.GetProperty("ruleIndex").GetInt32()];
        Assert.Equal("strongroom-token", rule.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("src/app.py", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(7, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal(32, result.GetProperty("partialFingerprints").GetProperty("secretFingerprint/v1").GetString()!.Length);
    }
}
