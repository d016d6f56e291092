using System.Security.Cryptography;

namespace Strongroom.Core.Audit;

/// <summary>
/// Verifies an export on its own, with nothing but the lines and the checkpoint public key: the chain
/// of every event, every checkpoint, and that no line was altered in any byte (see <see cref="AuditExportFormat"/>).
/// </summary>
public static class AuditExportVerifier
{
    /// <param name="readLines">Opens the export's lines from the start; called twice (checkpoints first, then events).</param>
    /// <param name="publicKey">The checkpoint key, as <c>GET /api/admin/audit/public-key</c> gives it.</param>
    public static AuditVerifyResult Verify(Func<IEnumerable<string>> readLines, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(readLines);
        var checkpoints = new List<AuditCheckpoint>();
        foreach (var line in readLines())
        {
            if (TryParse(line) is AuditCheckpoint checkpoint)
            {
                checkpoints.Add(checkpoint);
            }
        }

        var verifier = new AuditChainVerifier(checkpoints, publicKey);
        long lastSeq = 0;
        foreach (var line in readLines())
        {
            switch (TryParse(line))
            {
                case AuditEntry entry:
                    verifier.Add(entry);
                    lastSeq = entry.Seq;
                    break;
                case AuditCheckpoint:
                    break;
                default:
                    verifier.Fail(new AuditProblem(lastSeq + 1, AuditProblem.Edited)); // a line that is not as written
                    return verifier.Complete();
            }
        }

        return verifier.Complete();
    }

    private static object? TryParse(string line)
    {
        try
        {
            return AuditExportFormat.Parse(line);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
