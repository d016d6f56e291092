using System.Security.Cryptography;

namespace Strongroom.Core.Audit;

/// <summary>
/// Decides whether one event fits the chain and, when it does not, which tampering explains it. Each
/// event stores its predecessor's hash as well as its own, so a row can be checked on its own (its hash
/// over its fields) and against its neighbours (its link), and the look-ahead tells an inserted row from
/// an edited one.
/// </summary>
internal static class AuditTamperClassifier
{
    /// <returns>Null when <paramref name="entry"/> is the expected next event.</returns>
    public static AuditProblem? Classify(AuditEntry entry, AuditEntry? next, long expected, byte[] prevHash, byte[]? prevPrevHash)
    {
        if (entry.Seq > expected)
        {
            return new AuditProblem(expected, AuditProblem.Deleted);
        }

        if (entry.Seq < expected)
        {
            return new AuditProblem(entry.Seq, AuditProblem.Inserted);
        }

        var linked = Same(entry.PrevHash, prevHash);
        var selfConsistent = Same(AuditChain.ComputeHash(entry.PrevHash, entry), entry.Hash);
        if (linked && selfConsistent)
        {
            return null;
        }

        return Explain(entry, next, prevHash, prevPrevHash, linked, selfConsistent);
    }

    private static AuditProblem Explain(AuditEntry entry, AuditEntry? next, byte[] prevHash, byte[]? prevPrevHash, bool linked, bool selfConsistent)
    {
        if (next is not null && Same(next.PrevHash, prevHash))
        {
            return new AuditProblem(entry.Seq, AuditProblem.Inserted); // the next event links over this one
        }

        if (!linked && prevPrevHash is not null && Same(entry.PrevHash, prevPrevHash))
        {
            return new AuditProblem(entry.Seq - 1, AuditProblem.Inserted); // this one links over the one before
        }

        if (!selfConsistent && Same(AuditChain.ComputeHash(entry.PrevHash, entry with { Seq = entry.Seq + 1 }), entry.Hash))
        {
            return new AuditProblem(entry.Seq, AuditProblem.Deleted); // later events were renumbered to close a gap
        }

        if (!linked && !selfConsistent)
        {
            return new AuditProblem(entry.Seq, AuditProblem.Inserted); // neither links nor hashes: not one of ours
        }

        // Its own fields changed (hash kept), or the one before was rewritten with a fresh hash.
        return selfConsistent && entry.Seq > 1 ? new AuditProblem(entry.Seq - 1, AuditProblem.Edited) : new AuditProblem(entry.Seq, AuditProblem.Edited);
    }

    private static bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.Length == b.Length && CryptographicOperations.FixedTimeEquals(a, b);
}
