using System.Text;
using System.Text.Json;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Reports;

namespace Strongroom.Scanning.Tests.Reports;

public sealed class ReportTests
{
    private static readonly ScanEngine Engine = new();

    [Fact]
    public void JsonReport_Findings_NeverContainsRawSecret()
    {
        // Arrange
        var token = Secrets.Token();
        var findings = Engine.ScanText($"a = {token}\n", "a.py");
        using var output = new MemoryStream();

        // Act
        JsonReport.Write(output, findings, new ScanSummary(1, 10, 0, TimeSpan.FromSeconds(1)));
        var json = Encoding.UTF8.GetString(output.ToArray());

        // Assert
        Assert.DoesNotContain(token, json, StringComparison.Ordinal);
        Assert.DoesNotContain(token[6..], json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("strongroom-token", finding.GetProperty("ruleId").GetString());
        Assert.Equal(findings[0].Fingerprint, finding.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void Baseline_FromEarlierReport_SuppressesOnlyKnownFindings()
    {
        // Arrange
        var known = Secrets.Token();
        var fresh = Secrets.Token();
        using var report = new MemoryStream();
        JsonReport.Write(report, Engine.ScanText(known), new ScanSummary(1, 1, 0, TimeSpan.Zero));
        report.Position = 0;
        var baseline = Baseline.Load(report);

        // Act
        var remaining = Engine.ScanText($"{known}\n{fresh}\n").Where(f => !baseline.Contains(f)).ToList();

        // Assert
        var finding = Assert.Single(remaining);
        Assert.Equal(fresh, finding.Secret);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"findings\": {}}")]
    [InlineData("{\"runs\": []}")]
    public void Baseline_FromJsonThatIsNotAReport_IsRefused(string json)
    {
        // Arrange: a wrong file that would otherwise suppress nothing, silently.
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        // Act and assert
        Assert.Throws<InvalidDataException>(() => Baseline.Load(stream));
    }

    [Fact]
    public void Baseline_WithOddEntries_KeepsTheFingerprintsItCanRead()
    {
        // Arrange
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"findings": [1, {"fingerprint": 2}, {"fingerprint": "abc"}, {}]}"""));

        // Act
        var baseline = Baseline.Load(stream);

        // Assert
        Assert.Equal(1, baseline.Count);
    }

    [Fact]
    public void TextReport_Findings_ShowsMaskedLocationAndSummary()
    {
        // Arrange
        var token = Secrets.Token();
        var findings = Engine.ScanText($"\nx = {token}\n", "src/a.py");
        using var output = new StringWriter();

        // Act
        TextReport.Write(output, findings, new ScanSummary(1, 100, 0, TimeSpan.FromSeconds(1)));
        var text = output.ToString();

        // Assert
        Assert.Contains("src/a.py:2:5", text, StringComparison.Ordinal);
        Assert.Contains("strongroom-token [certain]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.Contains("1 finding (1 certain) in 1 files", text, StringComparison.Ordinal);
    }
}
