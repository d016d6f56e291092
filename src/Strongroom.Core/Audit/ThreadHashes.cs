using System.Security.Cryptography;

namespace Strongroom.Core.Audit;

/// <summary>
/// SHA-256, HMAC-SHA256 and random nonces for the audit chain, each thread keeping its own hashing state.
/// </summary>
/// <remarks>
/// Every audited request computes a MAC and a nonce, and its writer a hash; verification, a million of each. On
/// Linux a one-shot call (<c>SHA256.HashData</c>, <c>HMACSHA256.HashData</c>) fetches the algorithm from OpenSSL,
/// sets the key up and frees it all again: 1.6 µs for an HMAC of a 220-byte event where a kept context takes
/// 0.8, and OpenSSL's shared lookups contend between threads besides. Nonces are drawn from the system's CSPRNG
/// a few hundred bytes at a time, as 1.2 µs a call costs as much as the MAC; they need only be unpredictable and
/// unique, which buffered output is as much as fresh.
/// </remarks>
internal static class ThreadHashes
{
    private const int NoncePoolSize = 512;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static byte[]? t_hmacKey;

    [ThreadStatic]
    private static byte[]? t_nonces;

    [ThreadStatic]
    private static int t_noncesUsed;

    /// <summary>SHA-256 of <paramref name="data"/>.</summary>
    public static byte[] Sha256(ReadOnlySpan<byte> data)
    {
        var hash = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    /// <summary>HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/>, into <paramref name="destination"/> (32 bytes).</summary>
    /// <remarks>The thread's context is kept for the last key it was given, compared by reference: a key's array never changes.</remarks>
    public static void HmacSha256(byte[] key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (!ReferenceEquals(t_hmacKey, key) || t_hmac is null)
        {
            t_hmac?.Dispose();
            t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            t_hmacKey = key;
        }

        t_hmac.AppendData(data);
        t_hmac.GetHashAndReset(destination);
    }

    /// <summary>Fills <paramref name="nonce"/> (at most 64 bytes) with output of the system's CSPRNG, never handed out before.</summary>
    public static void FillNonce(Span<byte> nonce)
    {
        if (nonce.Length > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(nonce), "A nonce is at most 64 bytes.");
        }

        var pool = t_nonces ??= new byte[NoncePoolSize];
        if (t_noncesUsed == 0 || t_noncesUsed + nonce.Length > pool.Length)
        {
            RandomNumberGenerator.Fill(pool);
            t_noncesUsed = 0;
        }

        var drawn = pool.AsSpan(t_noncesUsed, nonce.Length);
        drawn.CopyTo(nonce);
        drawn.Clear();
        t_noncesUsed += nonce.Length;
    }
}
