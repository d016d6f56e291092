using System.Security.Cryptography;
using Strongroom.Core.Audit;

namespace Strongroom.Core.Tests.Audit;

/// <summary>The chain check and its naming of tampering, on chains built in memory.</summary>
public sealed class AuditChainVerifierTests
{
    [Fact]
    public void Verify_UntouchedChain_IsOk()
    {
        using var chain = AuditTestChain.Build(10, 4, 8);

        var result = chain.Verify();

        Assert.Equal(new AuditVerifyResult(true, 10, 2, null), result);
    }

    [Fact]
    public void Verify_FieldEditedHashKept_NamesItEdited()
    {
        using var chain = AuditTestChain.Build(10, 8);
        var entries = chain.Entries.Select(e => e.Seq == 5 ? e with { Ip = "10.0.0.1" } : e);

        Assert.Equal(new AuditProblem(5, AuditProblem.Edited), chain.Verify(entries).FirstBad);
    }

    [Fact]
    public void Verify_FieldEditedHashRecomputed_NamesThatEventEdited()
    {
        using var chain = AuditTestChain.Build(10, 8);
        var edited = chain.Entries[4] with { Outcome = AuditOutcome.Failure };
        edited = edited with { Hash = AuditChain.ComputeHash(edited.PrevHash, edited) };
        var entries = chain.Entries.Select(e => e.Seq == 5 ? edited : e);

        Assert.Equal(new AuditProblem(5, AuditProblem.Edited), chain.Verify(entries).FirstBad);
    }

    [Fact]
    public void Verify_ASealersRecordOfAnEventDeletedBeforeItsSeal_IsReportedDeletedThere()
    {
        using var chain = AuditTestChain.Build(6, 6);
        var record = chain.Entries[3] with { Action = AuditChain.EventDeletedAction, Target = "audit:41" };
        record = record with { Hash = AuditChain.ComputeHash(record.PrevHash, record) };
        var entries = chain.Entries.Take(3).Append(record).ToList();

        Assert.Equal(new AuditProblem(4, AuditProblem.Deleted), chain.Verify(entries).FirstBad);
    }

    [Fact]
    public void Verify_EventDeleted_NamesItsSeqDeleted()
    {
        using var chain = AuditTestChain.Build(10, 8);

        Assert.Equal(new AuditProblem(6, AuditProblem.Deleted), chain.Verify(chain.Entries.Where(e => e.Seq != 6)).FirstBad);
    }

    [Fact]
    public void Verify_EventDeletedAndLaterOnesRenumbered_NamesItsSeqDeleted()
    {
        using var chain = AuditTestChain.Build(10, 8);
        var entries = chain.Entries.Where(e => e.Seq != 6).Select(e => e.Seq > 6 ? e with { Seq = e.Seq - 1 } : e);

        Assert.Equal(new AuditProblem(6, AuditProblem.Deleted), chain.Verify(entries).FirstBad);
    }

    [Fact]
    public void Verify_GarbageRowInserted_NamesItInserted()
    {
        using var chain = AuditTestChain.Build(10, 8);
        var forged = chain.Entries[2] with { Seq = 3, Action = "token.create", PrevHash = new byte[32], Hash = RandomNumberGenerator.GetBytes(32) };
        var entries = chain.Entries.Take(2).Append(forged).Concat(chain.Entries.Skip(2).Select(e => e with { Seq = e.Seq + 1 }));

        Assert.Equal(new AuditProblem(3, AuditProblem.Inserted), chain.Verify(entries).FirstBad);
    }

    [Fact]
    public void Verify_TailTruncatedBelowCheckpoint_NamesFirstMissingTruncated()
    {
        using var chain = AuditTestChain.Build(10, 8);

        var result = chain.Verify(chain.Entries.Take(6));

        Assert.Equal(new AuditVerifyResult(false, 6, 1, new AuditProblem(7, AuditProblem.Truncated)), result);
    }

    [Fact]
    public void Verify_TailTruncatedAfterLastCheckpoint_HeadRowTells()
    {
        using var chain = AuditTestChain.Build(10, 4);

        Assert.Equal(new AuditProblem(9, AuditProblem.Truncated), chain.Verify(chain.Entries.Take(8), recordedHead: 10).FirstBad);
    }

    [Fact]
    public void Verify_WholeChainRewrittenConsistently_CheckpointCatchesIt()
    {
        using var chain = AuditTestChain.Build(10, 4, 8);
        var prev = AuditChain.Genesis.ToArray();
        var rewritten = new List<AuditEntry>();
        foreach (var entry in chain.Entries)
        {
            var changed = entry with { PrevHash = prev, Ip = entry.Seq == 6 ? "10.9.9.9" : entry.Ip };
            changed = changed with { Hash = AuditChain.ComputeHash(prev, changed) };
            prev = changed.Hash;
            rewritten.Add(changed);
        }

        Assert.Equal(new AuditProblem(5, AuditProblem.Edited), chain.Verify(rewritten).FirstBad);
    }

    [Fact]
    public void Verify_CheckpointSignedByAnotherKey_Fails()
    {
        using var chain = AuditTestChain.Build(6, 3);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new AuditChainVerifier(chain.Checkpoints, other);
        chain.Entries.ForEach(verifier.Add);

        Assert.False(verifier.Complete().Ok);
    }
}
