using System.Text;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Tests.Engine;

/// <summary>
/// Scanning a new version only around its changes (<see cref="ScanEngine.ScanChanged"/>): what the changes
/// touch is found, with lines and offsets in the whole text, even when the bytes that decide the match lie
/// outside the change (a keyword before a changed value, a base64 value re-aligned by one character);
/// what they do not touch is not looked at; binary text is skipped as a whole scan would.
/// </summary>
public sealed class ScanChangedTests
{
    private const string KeyStart = "wJalrXUtnFEMIK7MDENGbPxRfiCYzQ1x9k";
    private static readonly ScanEngine Engine = new();

    [Fact]
    public void AValueChangedBehindItsKeyword_IsFound_AtItsLineInTheWholeText_AndNothingFarAwayIsScanned()
    {
        // Arrange: a key far from the change, and a key whose last six characters are the change.
        var farKey = $"aws_secret = \"{KeyStart}Zq81Pw\"\n";
        var before = farKey + Filler(20_000);
        var line = $"AWS_SECRET_ACCESS_KEY = \"{KeyStart}Hy7Qm2\"\n";
        var text = Encoding.ASCII.GetBytes(before + line + Filler(20_000));
        var changeStart = before.Length + line.IndexOf("Hy7Qm2", StringComparison.Ordinal);

        // Act
        var findings = new List<Finding>();
        var scanned = Engine.ScanChanged(text, [(changeStart, changeStart + 6)], "settings.py", findings);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal($"{KeyStart}Hy7Qm2", finding.Secret);
        Assert.Equal(before.Count(c => c == '\n') + 1, finding.Line);
        Assert.Equal(before.Length + 25, finding.Offset);
        Assert.InRange(scanned, 6, 8_000);
    }

    [Fact]
    public void ACharacterRemovedEarlyInABase64Value_IsFound_ThoughTheEncodedKeywordIsFarFromIt()
    {
        // Arrange: a long base64 value ending in a token, one character off in the earlier version; in the new
        // one the character is gone (a seam where the two copies meet) 4,000 characters before the keyword.
        // (2,999 + 7 bytes before the token: it starts on a three-byte boundary, where "sr_" encodes whole.)
        var token = Secrets.Token();
        var encoded = Convert.ToBase64String(Encoding.ASCII.GetBytes(new string('x', 2_999) + "\ntoken=" + token + "\n"));
        var prefix = "data: ";
        var text = Encoding.ASCII.GetBytes(prefix + encoded + "\n");
        var seam = prefix.Length + 100;
        var earlier = Encoding.ASCII.GetBytes(prefix + encoded[..100] + "Q" + encoded[100..] + "\n");

        // Act
        var found = new List<Finding>();
        Engine.ScanChanged(text, [(seam, seam)], "values.yaml", found);
        var foundEarlier = Engine.ScanText(Encoding.ASCII.GetString(earlier));

        // Assert: the earlier version held nothing to find; the new one holds the token, decoded.
        Assert.Empty(foundEarlier);
        var finding = Assert.Single(found);
        Assert.Equal(token, finding.Secret);
        Assert.Equal("base64", finding.Encoding);
    }

    [Fact]
    public void ChangesInOrder_AreEachScanned_AndABinaryTextIsSkippedAsAWholeScanWouldSkipIt()
    {
        var first = Secrets.Token();
        var second = Secrets.Token();
        var head = Filler(10_000) + "\n" + first + "\n";
        var text = Encoding.ASCII.GetBytes(head + Filler(10_000) + "\n" + second + "\n" + Filler(10_000));
        var findings = new List<Finding>();

        Engine.ScanChanged(text, [(head.Length - 10, head.Length - 9), (head.Length + 10_000 + 6, head.Length + 10_000 + 7)], "a.txt", findings);
        var binary = Engine.ScanChanged([0, .. text], [(0, text.Length + 1)], "a.bin", findings);

        Assert.Equal([first, second], findings.Select(f => f.Secret));
        Assert.Equal(-1, binary);
    }

    private static string Filler(int length)
    {
        var line = "value = compute(alpha, beta) + 1\n";
        return string.Concat(Enumerable.Repeat(line, (length / line.Length) + 1))[..length];
    }
}
