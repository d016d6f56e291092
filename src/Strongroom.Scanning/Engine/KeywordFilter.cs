using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Strongroom.Scanning.Engine;

/// <summary>
/// The multi-literal prefilter, over raw bytes. <see cref="System.Buffers.SearchValues{T}"/> of strings
/// (Teddy) is fast for a few dozen literals but fell to 71-113 MB/s with the ~150 keywords of the rule
/// set on the benchmark corpus (911 MB/s at 16 keywords, 217 at 48), because its buckets saturate.
/// A position is a candidate when its two bytes are a keyword's first two (a 64 KiB byte table) and
/// hashed tables of the keywords' first three and four bytes accept it (<see cref="Confirm"/>).
/// </summary>
/// <remarks>
/// Looking every position up in the pair table ran at 650-1400 MB/s per thread. A SIMD stage now runs
/// first: Teddy-style nibble shuffles over each position's first four bytes in 16 buckets, built from
/// the exact three and four byte values the hashed tables accept (so it is a superset of
/// <see cref="Confirm"/> and the result is the same), merged greedily by byte frequency in source text
/// so that few positions survive; only survivors see the pair table and <see cref="Confirm"/>. Bucket
/// products over the first three bytes let 3.2% of the corpus's positions through and the stage was
/// then only 1.1-1.3x faster than the table; over four bytes it measured 2.1-2.3 GB/s against 1.2-1.4
/// (1.6-1.8x; up to 3.3x on a busier machine) in the `prefilter` probe, 184 MB corpus, side by side,
/// and about 10 GB/s on text with no candidates; with the 202 keywords of the later rule set the
/// buckets are fuller, 1.5 GB/s against 1.2-1.4 (more buckets would be the next step). What remains is dominated
/// by the corpus's 666 thousand accepted positions (runs of dashes, `task_t`, `storage`). Without
/// AVX2 it runs 16 bytes at a time on <see cref="Vector128"/> shuffles (SSSE3, Arm64), and without
/// those, and for the last bytes of the span, on the pair table alone (<see cref="NextScalar"/>).
/// </remarks>
internal sealed partial class KeywordFilter
{
    private const int HashBits = 18;
    private const int Buckets = 16;
    private readonly byte[] _pairs = new byte[1 << 16];
    private readonly ulong[] _pairIsKeyword = new ulong[(1 << 16) / 64];
    private readonly ulong[] _triples = new ulong[(1 << HashBits) / 64];
    private readonly ulong[] _tripleIsKeyword = new ulong[(1 << HashBits) / 64];
    private readonly ulong[] _quads = new ulong[(1 << HashBits) / 64];
    private readonly Entry[]?[] _byPair = new Entry[]?[1 << 16];

    // Nibble tables of the SIMD stage: for byte offsets 0-3, a low-nibble and a high-nibble table for
    // buckets 0-7 (0-7) and 8-15 (8-15); each 16-byte table is repeated in both 128-bit lanes. Null
    // until built (see SimdAfterBytes).
    private Vector256<byte>[]? _tables;
    private object? _tablesLock;
    private readonly int[] _keywordPairs;
    private long _scalarBytesLeft;

    /// <summary>
    /// Compiles the keywords. The SIMD stage's tables cost milliseconds to build (a few hundred prefix
    /// groups merged into 16 buckets: with the base64 forms of the decoded keywords, as long as the rest
    /// of a native scanner's start-up), where the pair table alone scans a small file in microseconds:
    /// with <paramref name="simdAfterBytes"/> above 0 they are built only once <see cref="Account"/> has
    /// counted that many bytes, and <see cref="Next"/> runs on the pair table until then. The
    /// candidates are the same either way.
    /// </summary>
    public KeywordFilter(IReadOnlyDictionary<string, int[]> keywordRules, long simdAfterBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(keywordRules);
        var byPair = new Dictionary<int, List<Entry>>();
        foreach (var (keyword, rules) in keywordRules)
        {
            if (keyword.Length < 2 || keyword.Any(c => c > 127))
            {
                throw new ArgumentException($"Keyword '{keyword}' must be ASCII and at least two characters long.", nameof(keywordRules));
            }

            var bytes = Encoding.ASCII.GetBytes(keyword);
            var pair = bytes[0] | (bytes[1] << 8);
            _pairs[pair] = 1;
            if (bytes.Length == 2)
            {
                Set(_pairIsKeyword, pair);
            }
            else
            {
                var triple = Hash((uint)(pair | (bytes[2] << 16)));
                Set(_triples, triple);
                if (bytes.Length == 3)
                {
                    Set(_tripleIsKeyword, triple);
                }
                else
                {
                    Set(_quads, Hash(BitConverter.ToUInt32(bytes, 0)));
                }
            }

            if (!byPair.TryGetValue(pair, out var list))
            {
                byPair[pair] = list = [];
            }

            list.Add(new Entry(bytes, rules));
        }

        foreach (var (pair, entries) in byPair)
        {
            _byPair[pair] = [.. entries.OrderByDescending(e => e.Keyword.Length)];
        }

        _keywordPairs = [.. byPair.Keys.Order()];
        _scalarBytesLeft = simdAfterBytes;
        if (simdAfterBytes <= 0)
        {
            _ = Tables;
        }
    }

    /// <summary>Whether the SIMD stage's tables are built (and <see cref="Next"/> uses them).</summary>
    internal bool HasSimdStage => Volatile.Read(ref _tables) is not null;

    /// <summary>The SIMD stage's tables, built on first use.</summary>
    private Vector256<byte>[] Tables => Volatile.Read(ref _tables) ?? BuildTablesOnce();

    private Vector256<byte>[] BuildTablesOnce() =>
        LazyInitializer.EnsureInitialized(ref _tables, ref _tablesLock, () => BuildTables(_keywordPairs));

    /// <summary>
    /// Counts bytes about to be scanned; past the threshold given to the constructor, builds the SIMD
    /// stage. Called once per chunk, not per position.
    /// </summary>
    public void Account(int bytes)
    {
        if (_tables is null && Interlocked.Add(ref _scalarBytesLeft, -bytes) <= 0)
        {
            _ = Tables;
        }
    }

    /// <summary>Whether <see cref="Next"/> runs the 32-byte (AVX2) SIMD stage.</summary>
    internal static bool IsVector256Path => Avx2.IsSupported;

    /// <summary>Whether the 16-byte SIMD stage can run (SSSE3 or Arm64 table lookups).</summary>
    internal static bool IsVector128Path => Ssse3.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>The position of the next byte at which a keyword may start, or -1.</summary>
    public int Next(ReadOnlySpan<byte> text, int start) =>
        _tables is null ? NextScalar(text, start)
        : IsVector256Path ? NextVector256(text, start)
        : IsVector128Path ? NextVector128(text, start)
        : NextScalar(text, start);

    /// <summary><see cref="Next"/> without SIMD: the pair table at every position.</summary>
    /// <remarks>
    /// Positions are tested 64 at a time without branches (the pair test of each sets one bit of a
    /// mask, four independent lookups per step), and only the set bits are then confirmed. Against a
    /// bitmap table and a branch per byte this measured 1.5-1.8x faster (`prefilter` probe mode).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int NextScalar(ReadOnlySpan<byte> text, int start)
    {
        ref var first = ref MemoryMarshal.GetReference(text);
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(_pairs);
        var last = text.Length - 1;
        for (var block = start; block < last; block += 64)
        {
            var count = Math.Min(64, last - block);
            ulong mask = 0;
            var j = 0;
            for (; j + 4 <= count; j += 4)
            {
                // Four independent lookups per step; the byte table (64 KiB, of which text touches a
                // few hundred lines) costs one load per position and no shifts.
                ref var at = ref Unsafe.Add(ref first, block + j);
                ulong b0 = Unsafe.Add(ref pairs, Unsafe.ReadUnaligned<ushort>(ref at));
                ulong b1 = Unsafe.Add(ref pairs, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref at, 1)));
                ulong b2 = Unsafe.Add(ref pairs, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref at, 2)));
                ulong b3 = Unsafe.Add(ref pairs, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref at, 3)));
                mask |= (b0 | (b1 << 1) | (b2 << 2) | (b3 << 3)) << j;
            }

            for (; j < count; j++)
            {
                ulong bit = Unsafe.Add(ref pairs, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref first, block + j)));
                mask |= bit << j;
            }

            while (mask != 0)
            {
                var position = block + BitOperations.TrailingZeroCount(mask);
                if (Confirm(text, position, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref first, position))))
                {
                    return position;
                }

                mask &= mask - 1;
            }
        }

        return -1;
    }

    /// <summary>The keywords that start with the two bytes at <paramref name="position"/>, longest first.</summary>
    public ReadOnlySpan<Entry> Candidates(ReadOnlySpan<byte> text, int position) =>
        _byPair[text[position] | (text[position + 1] << 8)];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Confirm(ReadOnlySpan<byte> text, int i, int pair)
    {
        if (IsSet(_pairIsKeyword, pair))
        {
            return true;
        }

        if (i + 2 >= text.Length)
        {
            return false;
        }

        var triple = Hash((uint)(pair | (text[i + 2] << 16)));
        if (!IsSet(_triples, triple))
        {
            return false;
        }

        return IsSet(_tripleIsKeyword, triple)
            || (i + 3 < text.Length && IsSet(_quads, Hash(Unsafe.ReadUnaligned<uint>(ref Unsafe.AsRef(in text[i])))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint value) => (int)((value * 0x9E3779B1u) >> (32 - HashBits));

    private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << index;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(ulong[] bits, int index) => (bits[index >> 6] & (1UL << index)) != 0;

    /// <summary>A keyword (ASCII bytes) and the rules it triggers.</summary>
    public readonly record struct Entry(byte[] Keyword, int[] Rules);
}
