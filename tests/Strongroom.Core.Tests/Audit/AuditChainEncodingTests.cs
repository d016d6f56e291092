using Strongroom.Core.Audit;

namespace Strongroom.Core.Tests.Audit;

/// <summary>The hash from an event's fields encoded once (as the appender hashes it) is the hash verification recomputes.</summary>
public sealed class AuditChainEncodingTests
{
    [Fact]
    public void ComputeHash_FromEncodedFields_IsTheEntrysHash()
    {
        using var chain = AuditTestChain.Build(12);

        foreach (var entry in chain.Entries)
        {
            Assert.Equal(entry.Hash, AuditChain.ComputeHash(entry.PrevHash, entry.Seq, AuditChain.EncodeFields(entry)));
        }
    }

    [Fact]
    public void EncodeFields_TellsApartEveryFieldAndNullFromEmpty()
    {
        using var chain = AuditTestChain.Build(1);
        var entry = chain.Entries[0];
        var variants = new[]
        {
            entry, entry with { Time = entry.Time.AddMilliseconds(1) }, entry with { Action = "token.rotate" }, entry with { Outcome = AuditOutcome.Failure },
            entry with { ActorUserId = null }, entry with { ActorUserId = "" }, entry with { TokenId = "t9" }, entry with { OrgId = "o1" },
            entry with { Ip = "::1" }, entry with { UserAgent = "other" }, entry with { Target = "token:t9" }, entry with { DetailsJson = "{}" },
        };

        var encodings = variants.Select(v => Convert.ToHexString(AuditChain.EncodeFields(v))).ToList();

        Assert.Equal(encodings.Count, encodings.Distinct().Count());
        Assert.Equal(AuditChain.EncodeFields(entry), AuditChain.EncodeFields(entry with { Seq = 99, Hash = [1], PrevHash = [2] })); // the place is not a field
    }
}
