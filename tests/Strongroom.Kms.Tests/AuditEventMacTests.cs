using System.Security.Cryptography;
using Strongroom.Core.Audit;

namespace Strongroom.Kms.Tests;

/// <summary>The audit events' MACs under a key from each KMS provider: unique per event, bound to every field and to the nonce.</summary>
public sealed class AuditEventMacTests
{
    private static readonly AuditEntry Event = new()
    {
        Seq = 0, Time = AuditChain.Truncate(DateTimeOffset.UnixEpoch.AddDays(20_000)), Action = "token.revoke", Outcome = "success",
        ActorUserId = "u1", TokenId = "t1", Target = "token:t1", PrevHash = [], Hash = [],
    };

    [Theory, LocalProvider, Pkcs11Provider]
    public void Compute_TheSameEventTwice_GivesTwoDifferentMacsThatBothFit(string provider)
    {
        using var context = new KmsTestContext(provider);
        var macs = new AuditEventMac(context.Kms);

        var first = macs.Compute(Event);
        var second = macs.Compute(Event);

        Assert.Equal(AuditEventMac.Size, first.Length);
        Assert.NotEqual(first, second);
        Assert.NotEqual(AuditEventMac.Nonce(first), AuditEventMac.Nonce(second));
        Assert.True(macs.IsValid(Event, first));
        Assert.True(macs.IsValid(Event, second));
    }

    [Theory, LocalProvider]
    public void Compute_FromEncodedFields_FitsTheEvent(string provider)
    {
        using var context = new KmsTestContext(provider);
        var macs = new AuditEventMac(context.Kms);

        var mac = macs.Compute(AuditChain.EncodeFields(Event));

        Assert.True(macs.IsValid(Event, mac));
        Assert.False(macs.IsValid(Event with { Target = "token:t2" }, mac));
    }

    [Theory, LocalProvider]
    public void IsValid_AnotherField_AnotherNonce_OrAnotherKms_DoesNotFit(string provider)
    {
        using var context = new KmsTestContext(provider);
        using var other = new KmsTestContext(provider);
        var macs = new AuditEventMac(context.Kms);
        var mac = macs.Compute(Event);
        var otherNonce = (byte[])mac.Clone();
        otherNonce[0] ^= 1;

        Assert.False(macs.IsValid(Event with { Outcome = "failure" }, mac));
        Assert.False(macs.IsValid(Event, otherNonce));
        Assert.False(macs.IsValid(Event, mac.AsSpan(0, 40)));
        Assert.False(new AuditEventMac(other.Kms).IsValid(Event, mac));
    }

    [Theory, LocalProvider]
    public void IsValid_AMacFromBeforeNonces_StillFits(string provider)
    {
        using var context = new KmsTestContext(provider);
        var key = context.Kms.Sign("strongroom-audit-event-mac-key-v1"u8);
        // The bare HMAC rows written before nonces carry: tag "strongroom-audit-mac-v1", then the fields as the chain encodes them.
        var legacy = HMACSHA256.HashData(key, LegacyInput(Event));

        Assert.True(new AuditEventMac(context.Kms).IsValid(Event, legacy));
        Assert.Null(AuditEventMac.Nonce(legacy));
    }

    private static byte[] LegacyInput(AuditEntry entry)
    {
        // The chain hash's input is prev ‖ "strongroom-audit-v1" ‖ seq ‖ fields; the legacy MAC's is "strongroom-audit-mac-v1" ‖ fields.
        var buffer = new List<byte>("strongroom-audit-mac-v1"u8.ToArray());
        var time = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(time, entry.Time.UtcTicks);
        buffer.AddRange(time);
        foreach (var text in new[] { entry.Action, entry.Outcome, entry.ActorUserId, entry.TokenId, entry.OrgId, entry.Ip, entry.UserAgent, entry.Target, entry.DetailsJson })
        {
            var bytes = text is null ? null : System.Text.Encoding.UTF8.GetBytes(text);
            var length = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
            buffer.AddRange(length);
            buffer.AddRange(bytes ?? []);
        }

        return [.. buffer];
    }
}
