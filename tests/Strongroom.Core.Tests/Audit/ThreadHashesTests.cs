using System.Security.Cryptography;
using Strongroom.Core.Audit;

namespace Strongroom.Core.Tests.Audit;

/// <summary>The kept hashing contexts give what the one-shot functions give, whatever came before on the thread.</summary>
public sealed class ThreadHashesTests
{
    [Fact]
    public void Sha256_IsSha256_CallAfterCall()
    {
        foreach (var length in new[] { 0, 1, 55, 64, 220, 5000 })
        {
            var data = RandomNumberGenerator.GetBytes(length);
            Assert.Equal(SHA256.HashData(data), ThreadHashes.Sha256(data));
            Assert.Equal(SHA256.HashData(data), ThreadHashes.Sha256(data));
        }
    }

    [Fact]
    public void HmacSha256_FollowsTheKeyItIsGiven()
    {
        var (first, second) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var data = RandomNumberGenerator.GetBytes(220);
        var mac = new byte[32];
        foreach (var key in new[] { first, first, second, first, second, second })
        {
            ThreadHashes.HmacSha256(key, data, mac);
            Assert.Equal(HMACSHA256.HashData(key, data), mac);
        }
    }

    [Fact]
    public void HmacSha256_OnManyThreadsAtOnce_IsEachCallsOwn()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var inputs = Enumerable.Range(0, 2000).Select(i => RandomNumberGenerator.GetBytes(1 + (i % 300))).ToArray();

        var wrong = 0;
        Parallel.For(0, inputs.Length, i =>
        {
            Span<byte> mac = stackalloc byte[32];
            ThreadHashes.HmacSha256(key, inputs[i], mac);
            if (!mac.SequenceEqual(HMACSHA256.HashData(key, inputs[i])))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void FillNonce_NeverRepeatsAcrossRefills()
    {
        var seen = new HashSet<UInt128>();
        var nonce = new byte[16];
        for (var i = 0; i < 10_000; i++)
        {
            ThreadHashes.FillNonce(nonce);
            Assert.True(seen.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(nonce)), $"nonce {i} repeats an earlier one");
        }
    }

    [Fact]
    public void FillNonce_RefusesMoreThanItsPoolServes() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadHashes.FillNonce(new byte[65]));
}
