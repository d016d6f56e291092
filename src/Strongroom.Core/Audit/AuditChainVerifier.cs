using System.Security.Cryptography;

namespace Strongroom.Core.Audit;

/// <summary>
/// Recomputes the chain over events fed in sequence order, then checks every checkpoint (signature,
/// link to the previous one, head hash at its size) and that nothing past the last one is missing.
/// Names the first bad sequence number and the kind of tampering that best explains it. Holds one
/// event of look-ahead, so it streams a chain of any length.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly IReadOnlyList<AuditCheckpoint> _checkpoints;
    private readonly ECDsa? _publicKey;
    private readonly Dictionary<long, byte[]> _hashAtCheckpoint = [];
    private readonly HashSet<long> _checkpointSizes;
    private AuditEntry? _pending;
    private byte[] _prevHash = AuditChain.Genesis.ToArray();
    private byte[]? _prevPrevHash;
    private long _expected = 1;
    private long _events;
    private AuditProblem? _firstBad;

    /// <param name="checkpoints">Every checkpoint, in any order.</param>
    /// <param name="publicKey">The checkpoint key; null only when there are no checkpoints to check.</param>
    public AuditChainVerifier(IEnumerable<AuditCheckpoint> checkpoints, ECDsa? publicKey)
    {
        _checkpoints = checkpoints.OrderBy(c => c.Size).ToList();
        _checkpointSizes = _checkpoints.Select(c => c.Size).ToHashSet();
        _publicKey = publicKey;
    }

    /// <summary>Feeds the next event (in ascending <see cref="AuditEntry.Seq"/> order).</summary>
    public void Add(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _events++;
        if (_pending is not null)
        {
            Check(_pending, entry);
        }

        _pending = entry;
    }

    /// <summary>Records a problem found outside the chain (a line that does not parse); the earliest problem wins.</summary>
    public void Fail(AuditProblem problem)
    {
        if (_pending is not null)
        {
            Check(_pending, null);
            _pending = null;
        }

        _firstBad ??= problem;
    }

    /// <param name="recordedHead">The head's size as the store records it separately, when it does.</param>
    public AuditVerifyResult Complete(long? recordedHead = null)
    {
        if (_pending is not null)
        {
            Check(_pending, null);
            _pending = null;
        }

        var lastGood = _expected - 1;
        var problem = _firstBad ?? CheckTail(lastGood, recordedHead);
        problem = Earliest(problem, CheckCheckpoints(problem?.Seq ?? long.MaxValue));
        return new AuditVerifyResult(problem is null, _events, _checkpoints.Count, problem);
    }

    private void Check(AuditEntry entry, AuditEntry? next)
    {
        if (_firstBad is not null)
        {
            return;
        }

        _firstBad = AuditTamperClassifier.Classify(entry, next, _expected, _prevHash, _prevPrevHash);
        if (_firstBad is not null)
        {
            return;
        }

        if (entry.Action == AuditChain.EventDeletedAction)
        {
            // The sealer's record of an event that was committed and then deleted before it could be chained.
            _firstBad = new AuditProblem(entry.Seq, AuditProblem.Deleted);
            return;
        }

        _prevPrevHash = _prevHash;
        _prevHash = entry.Hash;
        if (_checkpointSizes.Contains(entry.Seq))
        {
            _hashAtCheckpoint[entry.Seq] = entry.Hash;
        }

        _expected++;
    }

    private AuditProblem? CheckTail(long lastGood, long? recordedHead)
    {
        var promised = Math.Max(recordedHead ?? 0, _checkpoints.Count > 0 ? _checkpoints[^1].Size : 0);
        return promised > lastGood ? new AuditProblem(lastGood + 1, AuditProblem.Truncated) : null;
    }

    /// <summary>The first checkpoint below <paramref name="before"/> that fails, as a problem at the first event it covers.</summary>
    private AuditProblem? CheckCheckpoints(long before)
    {
        var prevSignature = Array.Empty<byte>();
        long prevSize = 0;
        foreach (var checkpoint in _checkpoints.TakeWhile(c => c.Size < before))
        {
            var signed = _publicKey is not null && checkpoint.IsSignedBy(_publicKey)
                && CryptographicOperations.FixedTimeEquals(checkpoint.PrevSignature, prevSignature);
            if (!signed || !_hashAtCheckpoint.TryGetValue(checkpoint.Size, out var hash)
                || !CryptographicOperations.FixedTimeEquals(hash, checkpoint.HeadHash))
            {
                // The events up to here chain, but not to what was signed: they were rewritten, hashes and all.
                return new AuditProblem(prevSize + 1, AuditProblem.Edited);
            }

            prevSignature = checkpoint.Signature;
            prevSize = checkpoint.Size;
        }

        return null;
    }

    private static AuditProblem? Earliest(AuditProblem? a, AuditProblem? b) =>
        a is null ? b : b is null ? a : (b.Seq < a.Seq ? b : a);
}
