using System.Security.Cryptography;
using Strongroom.Core.Audit;

namespace Strongroom.Core.Tests.Audit;

/// <summary>A small chain built in memory, with a checkpoint key of its own, as the server would build it.</summary>
internal sealed class AuditTestChain : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public List<AuditEntry> Entries { get; } = [];

    public List<AuditCheckpoint> Checkpoints { get; } = [];

    public static AuditTestChain Build(int events, params int[] checkpointAt)
    {
        var chain = new AuditTestChain();
        var prev = AuditChain.Genesis.ToArray();
        for (var seq = 1; seq <= events; seq++)
        {
            var entry = new AuditEntry
            {
                Seq = seq,
                Time = Start.AddMilliseconds(seq * 1001),
                Action = seq % 2 == 0 ? "token.revoke" : "token.create",
                Outcome = AuditOutcome.Success,
                ActorUserId = "u" + seq,
                TokenId = "t" + seq,
                Ip = "127.0.0.1",
                UserAgent = "test/1.0 (ünïcode)",
                Target = "token:t" + seq,
                DetailsJson = seq % 3 == 0 ? """{"reason":"a \"quoted\" <reason>"}""" : null,
                PrevHash = prev,
                Hash = [],
            };
            entry = entry with { Hash = AuditChain.ComputeHash(prev, entry) };
            prev = entry.Hash;
            chain.Entries.Add(entry);
            if (checkpointAt.Contains(seq))
            {
                chain.AddCheckpoint(entry);
            }
        }

        return chain;
    }

    /// <summary>The export's lines: each event, each checkpoint after the event it ends at.</summary>
    public List<string> ExportLines() =>
        Entries.SelectMany(e => Checkpoints.Where(c => c.Size == e.Seq).Select(AuditExportFormat.CheckpointLine).Prepend(AuditExportFormat.EventLine(e))).ToList();

    public AuditVerifyResult Verify(IEnumerable<AuditEntry>? entries = null, long? recordedHead = null)
    {
        var verifier = new AuditChainVerifier(Checkpoints, Key);
        foreach (var entry in entries ?? Entries)
        {
            verifier.Add(entry);
        }

        return verifier.Complete(recordedHead);
    }

    public void Dispose() => Key.Dispose();

    private void AddCheckpoint(AuditEntry head)
    {
        var prevSignature = Checkpoints.Count > 0 ? Checkpoints[^1].Signature : [];
        var time = head.Time.AddMilliseconds(1);
        var digest = AuditCheckpoint.Digest(head.Seq, head.Hash, time, prevSignature);
        Checkpoints.Add(new AuditCheckpoint
        {
            Size = head.Seq,
            HeadHash = head.Hash,
            Time = time,
            PrevSignature = prevSignature,
            Signature = Key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        });
    }
}
