using System.Text;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Tests.Engine;

public sealed class ScanEngineTests
{
    private static readonly ScanEngine Engine = new();
    private static readonly string Groq = RuleCatalog.All().Single(r => r.Id == "groq-api-key").TruePositives[0].Split('=')[1];

    [Fact]
    public void Scan_SecretOnThirdLine_ReportsLineColumnAndMask()
    {
        // Arrange
        var text = $"first\nsecond line\n  key = {Groq}\n";

        // Act
        var finding = Assert.Single(Engine.ScanText(text, "app.py"));

        // Assert
        Assert.Equal(3, finding.Line);
        Assert.Equal(9, finding.Column);
        Assert.Equal("app.py", finding.Path);
        Assert.StartsWith("gsk_", finding.Masked, StringComparison.Ordinal);
        Assert.DoesNotContain(Groq[10..], finding.Masked, StringComparison.Ordinal);
        Assert.Equal(32, finding.Fingerprint.Length);
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(-3)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Scan_SecretAcrossChunkBoundary_FoundOnceWithRightLine(int shift)
    {
        // Arrange: place the secret so it straddles (or touches) the engine's read-chunk boundary.
        var filler = new StringBuilder();
        var lines = 0;
        while (filler.Length < ScanEngine.ChunkBytes + shift - 100)
        {
            filler.Append("just some ordinary text without anything in it\n");
            lines++;
        }

        filler.Append(' ', ScanEngine.ChunkBytes + shift - filler.Length);
        var text = filler + Groq + "\nend\n";

        // Act
        var findings = Engine.ScanText(text);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(Groq, finding.Secret);
        Assert.Equal(lines + 1, finding.Line);
        Assert.Equal(ScanEngine.ChunkBytes + shift, finding.Offset);
    }

    [Fact]
    public void Scan_BinaryInput_SkippedWithoutFindings()
    {
        // Arrange
        var bytes = Encoding.ASCII.GetBytes("\0\u0001\u0002" + Groq);
        using var stream = new MemoryStream(bytes);
        var findings = new List<Finding>();

        // Act
        var read = Engine.Scan(stream, "blob.bin", findings);

        // Assert
        Assert.Equal(-1, read);
        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void Scan_Utf16TextWithByteOrderMark_IsScannedAsText(string encodingName)
    {
        // Arrange: a secret on the third line of a UTF-16 file (as PowerShell and some editors write
        // them), long enough that the transcoded text spans several chunks.
        var encoding = Encoding.GetEncoding(encodingName);
        var text = "# settings\r\n" + new string('x', 300_000) + "\r\n$key = '" + Groq + "'\r\n";
        using var stream = new MemoryStream([.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
        var findings = new List<Finding>();

        // Act
        var read = Engine.Scan(stream, "settings.ps1", findings);

        // Assert
        Assert.True(read > 0);
        var finding = Assert.Single(findings);
        Assert.Equal(Groq, finding.Secret);
        Assert.Equal(3, finding.Line);
        Assert.Equal(9, finding.Column);
    }

    [Fact]
    public void Scan_Utf16TextWithoutByteOrderMark_IsSkippedAsBinary()
    {
        // Arrange
        using var stream = new MemoryStream(Encoding.Unicode.GetBytes("$key = '" + Groq + "'\r\n"));
        var findings = new List<Finding>();

        // Act
        var read = Engine.Scan(stream, "settings.ps1", findings);

        // Assert
        Assert.Equal(-1, read);
        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("gsk_<your-key>")]
    [InlineData("gsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("stripe_key = 'sk_live_0123456789abcdefghijklmn'")]
    public void Scan_Placeholder_NotAFinding(string text)
    {
        // Act
        var findings = Engine.ScanText(text);

        // Assert
        Assert.Empty(findings);
    }

    [Fact]
    public void Scan_SameSecretTwiceOnDifferentLines_TwoFindingsSameFingerprint()
    {
        // Arrange
        var text = $"a = {Groq}\nb = {Groq}\n";

        // Act
        var findings = Engine.ScanText(text);

        // Assert
        Assert.Equal(2, findings.Count);
        Assert.Equal(findings[0].Fingerprint, findings[1].Fingerprint);
        Assert.Equal([1L, 2L], findings.Select(f => f.Line));
    }

    [Fact]
    public void Scan_SecretsSeparatedBySingleCharacter_BothFound()
    {
        // Arrange: the boundary character between them belongs to both matches.
        var other = RuleCatalog.All().Single(r => r.Id == "groq-api-key").TruePositives[1].Split('"')[1];
        var text = $"{Groq},{other}\n{Groq}";

        // Act
        var findings = Engine.ScanText(text);

        // Assert
        Assert.Equal([Groq, other, Groq], findings.Select(f => f.Secret));
    }

    [Fact]
    public void Scan_NonAsciiBeforeSecret_ColumnCountsBytes()
    {
        // Arrange: "é" is two UTF-8 bytes.
        var text = $"é = {Groq}";

        // Act
        var finding = Assert.Single(Engine.ScanText(text));

        // Assert
        Assert.Equal(Groq, finding.Secret);
        Assert.Equal(6, finding.Column);
    }
}
