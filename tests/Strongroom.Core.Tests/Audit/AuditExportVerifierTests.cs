using System.Text;
using Strongroom.Core.Audit;

namespace Strongroom.Core.Tests.Audit;

/// <summary>An export verifies with the public key alone, and not after any one of its bytes changes.</summary>
public sealed class AuditExportVerifierTests
{
    [Fact]
    public void Verify_ExportAsWritten_IsOk()
    {
        using var chain = AuditTestChain.Build(7, 3, 7);

        var result = AuditExportVerifier.Verify(chain.ExportLines, chain.Key);

        Assert.Equal(new AuditVerifyResult(true, 7, 2, null), result);
    }

    [Fact]
    public void Verify_AnyOneByteChanged_Fails()
    {
        using var chain = AuditTestChain.Build(4, 4);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', chain.ExportLines()) + "\n");
        var passed = new List<int>();

        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            var text = Encoding.UTF8.GetString(tampered);
            var lines = text.Split('\n');
            if (AuditExportVerifier.Verify(() => text.EndsWith('\n') ? lines[..^1] : lines, chain.Key).Ok)
            {
                passed.Add(i);
            }
        }

        Assert.True(bytes.Length > 1000, "the export under test is too small to mean much");
        Assert.Empty(passed);
    }

    [Fact]
    public void Parse_HexInUpperCase_IsRefused()
    {
        using var chain = AuditTestChain.Build(1);
        var line = AuditExportFormat.EventLine(chain.Entries[0]);
        var hash = Convert.ToHexStringLower(chain.Entries[0].Hash);

        Assert.Throws<FormatException>(() => AuditExportFormat.Parse(line.Replace(hash, hash.ToUpperInvariant(), StringComparison.Ordinal)));
        Assert.Equal(chain.Entries[0].Hash, ((AuditEntry)AuditExportFormat.Parse(line)).Hash);
    }
}
