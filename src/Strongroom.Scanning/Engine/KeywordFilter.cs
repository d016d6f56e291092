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
internal sealed class KeywordFilter
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
    // buckets 0-7 (0-7) and 8-15 (8-15); each 16-byte table is repeated in both 128-bit lanes.
    private readonly Vector256<byte>[] _tables;

    public KeywordFilter(IReadOnlyDictionary<string, int[]> keywordRules)
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

        _tables = BuildTables([.. byPair.Keys.Order()]);
    }

    /// <summary>Whether <see cref="Next"/> runs the 32-byte (AVX2) SIMD stage.</summary>
    internal static bool IsVector256Path => Avx2.IsSupported;

    /// <summary>Whether the 16-byte SIMD stage can run (SSSE3 or Arm64 table lookups).</summary>
    internal static bool IsVector128Path => Ssse3.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>The position of the next byte at which a keyword may start, or -1.</summary>
    public int Next(ReadOnlySpan<byte> text, int start) =>
        IsVector256Path ? NextVector256(text, start)
        : IsVector128Path ? NextVector128(text, start)
        : NextScalar(text, start);

    /// <summary>
    /// <see cref="Next"/> with the SIMD stage 32 bytes at a time: each position's first three bytes are
    /// looked up by nibble in 16 buckets, and only the positions some bucket accepts (a superset of
    /// those <see cref="Confirm"/> accepts) are tested further. The last bytes go to <see cref="NextScalar"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int NextVector256(ReadOnlySpan<byte> text, int start)
    {
        if (!Avx2.IsSupported)
        {
            return NextScalar(text, start);
        }

        ref var first = ref MemoryMarshal.GetReference(text);
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(_pairs);
        var t = _tables;
        var (low0A, high0A, low1A, high1A, low2A, high2A, low3A, high3A) = (t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
        var (low0B, high0B, low1B, high1B, low2B, high2B, low3B, high3B) = (t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15]);
        var nibble = Vector256.Create((byte)0x0F);
        var block = start;

        // A block reads its 32 positions and the three bytes after them.
        for (; block <= text.Length - 35; block += 32)
        {
            var at0 = Vector256.LoadUnsafe(ref first, (nuint)block);
            var at1 = Vector256.LoadUnsafe(ref first, (nuint)block + 1);
            var at2 = Vector256.LoadUnsafe(ref first, (nuint)block + 2);
            var at3 = Vector256.LoadUnsafe(ref first, (nuint)block + 3);
            var low0 = at0 & nibble;
            var high0 = Avx2.ShiftRightLogical(at0.AsUInt16(), 4).AsByte() & nibble;
            var low1 = at1 & nibble;
            var high1 = Avx2.ShiftRightLogical(at1.AsUInt16(), 4).AsByte() & nibble;
            var low2 = at2 & nibble;
            var high2 = Avx2.ShiftRightLogical(at2.AsUInt16(), 4).AsByte() & nibble;
            var low3 = at3 & nibble;
            var high3 = Avx2.ShiftRightLogical(at3.AsUInt16(), 4).AsByte() & nibble;
            var bucketsA = Avx2.Shuffle(low0A, low0) & Avx2.Shuffle(high0A, high0)
                & Avx2.Shuffle(low1A, low1) & Avx2.Shuffle(high1A, high1)
                & Avx2.Shuffle(low2A, low2) & Avx2.Shuffle(high2A, high2)
                & Avx2.Shuffle(low3A, low3) & Avx2.Shuffle(high3A, high3);
            var bucketsB = Avx2.Shuffle(low0B, low0) & Avx2.Shuffle(high0B, high0)
                & Avx2.Shuffle(low1B, low1) & Avx2.Shuffle(high1B, high1)
                & Avx2.Shuffle(low2B, low2) & Avx2.Shuffle(high2B, high2)
                & Avx2.Shuffle(low3B, low3) & Avx2.Shuffle(high3B, high3);
            var mask = ~Vector256.Equals(bucketsA | bucketsB, Vector256<byte>.Zero).ExtractMostSignificantBits();
            if (mask != 0 && FirstConfirmed(text, block, mask) is var found and >= 0)
            {
                return found;
            }
        }

        return NextScalar(text, block);
    }

    /// <summary><see cref="NextVector256"/> 16 bytes at a time, with cross-platform 128-bit shuffles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int NextVector128(ReadOnlySpan<byte> text, int start)
    {
        if (!IsVector128Path)
        {
            return NextScalar(text, start);
        }

        ref var first = ref MemoryMarshal.GetReference(text);
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(_pairs);
        var t = _tables;
        var (low0A, high0A, low1A, high1A, low2A, high2A, low3A, high3A) = (t[0].GetLower(), t[1].GetLower(), t[2].GetLower(), t[3].GetLower(), t[4].GetLower(), t[5].GetLower(), t[6].GetLower(), t[7].GetLower());
        var (low0B, high0B, low1B, high1B, low2B, high2B, low3B, high3B) = (t[8].GetLower(), t[9].GetLower(), t[10].GetLower(), t[11].GetLower(), t[12].GetLower(), t[13].GetLower(), t[14].GetLower(), t[15].GetLower());
        var nibble = Vector128.Create((byte)0x0F);
        var block = start;
        for (; block <= text.Length - 19; block += 16)
        {
            var at0 = Vector128.LoadUnsafe(ref first, (nuint)block);
            var at1 = Vector128.LoadUnsafe(ref first, (nuint)block + 1);
            var at2 = Vector128.LoadUnsafe(ref first, (nuint)block + 2);
            var at3 = Vector128.LoadUnsafe(ref first, (nuint)block + 3);
            var low0 = at0 & nibble;
            var high0 = Vector128.ShiftRightLogical(at0.AsUInt16(), 4).AsByte() & nibble;
            var low1 = at1 & nibble;
            var high1 = Vector128.ShiftRightLogical(at1.AsUInt16(), 4).AsByte() & nibble;
            var low2 = at2 & nibble;
            var high2 = Vector128.ShiftRightLogical(at2.AsUInt16(), 4).AsByte() & nibble;
            var low3 = at3 & nibble;
            var high3 = Vector128.ShiftRightLogical(at3.AsUInt16(), 4).AsByte() & nibble;
            var bucketsA = Vector128.ShuffleNative(low0A, low0) & Vector128.ShuffleNative(high0A, high0)
                & Vector128.ShuffleNative(low1A, low1) & Vector128.ShuffleNative(high1A, high1)
                & Vector128.ShuffleNative(low2A, low2) & Vector128.ShuffleNative(high2A, high2)
                & Vector128.ShuffleNative(low3A, low3) & Vector128.ShuffleNative(high3A, high3);
            var bucketsB = Vector128.ShuffleNative(low0B, low0) & Vector128.ShuffleNative(high0B, high0)
                & Vector128.ShuffleNative(low1B, low1) & Vector128.ShuffleNative(high1B, high1)
                & Vector128.ShuffleNative(low2B, low2) & Vector128.ShuffleNative(high2B, high2)
                & Vector128.ShuffleNative(low3B, low3) & Vector128.ShuffleNative(high3B, high3);
            var mask = ~Vector128.Equals(bucketsA | bucketsB, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFFu;
            if (mask != 0 && FirstConfirmed(text, block, mask) is var found and >= 0)
            {
                return found;
            }
        }

        return NextScalar(text, block);
    }

    /// <summary>
    /// The first of the SIMD stage's candidates (bits of <paramref name="mask"/> from <paramref name="block"/>)
    /// that <see cref="Confirm"/> accepts, or -1. The pair table is read for every candidate first
    /// without a branch: about half the candidates fail it, and a branch per candidate mispredicted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FirstConfirmed(ReadOnlySpan<byte> text, int block, uint mask)
    {
        ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(text), block);
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(_pairs);
        uint paired = 0;
        for (; mask != 0; mask &= mask - 1)
        {
            var bit = BitOperations.TrailingZeroCount(mask);
            paired |= (uint)Unsafe.Add(ref pairs, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref at, bit))) << bit;
        }

        for (; paired != 0; paired &= paired - 1)
        {
            var position = block + BitOperations.TrailingZeroCount(paired);
            if (Confirm(text, position, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref at, position - block))))
            {
                return position;
            }
        }

        return -1;
    }

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

    /// <summary>
    /// The SIMD stage's nibble tables. Every three bytes the pair and triple tests accept start a group
    /// (hash collisions included, so the stage stays a superset of <see cref="Confirm"/>; any third byte
    /// after a two-byte keyword), kept apart at first so that a collision's odd third byte does not
    /// widen its pair's common one. Groups are merged greedily, the
    /// cheapest merge first, down to 16 buckets: a bucket accepts, at each offset, every byte whose
    /// low and high nibbles both occur there, and a merge costs the growth of the product of those
    /// bytes' frequencies in source text (<see cref="ByteWeights"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per process: no tier-0 code
    private Vector256<byte>[] BuildTables(int[] keywordPairs)
    {
        var groups = new List<Group>();
        foreach (var pair in keywordPairs)
        {
            var (first, second) = (Nibbles(pair & 0xFF), Nibbles(pair >> 8));
            if (IsSet(_pairIsKeyword, pair))
            {
                groups.Add(new Group(first, second, uint.MaxValue, uint.MaxValue));
                continue;
            }

            for (var third = 0; third < 256; third++)
            {
                var triple = Hash((uint)(pair | (third << 16)));
                if (!IsSet(_triples, triple))
                {
                    continue;
                }

                if (IsSet(_tripleIsKeyword, triple))
                {
                    groups.Add(new Group(first, second, Nibbles(third), uint.MaxValue));
                    continue;
                }

                for (var fourth = 0; fourth < 256; fourth++)
                {
                    if (IsSet(_quads, Hash((uint)(pair | (third << 16) | (fourth << 24)))))
                    {
                        groups.Add(new Group(first, second, Nibbles(third), Nibbles(fourth)));
                    }
                }
            }
        }

        // Agglomerative merging over a flat matrix of merge costs (groups are values: no allocation
        // per candidate merge). ~150 groups: about 1 ms, once per process.
        var count = groups.Count;
        var costs = new double[count];
        for (var a = 0; a < count; a++)
        {
            costs[a] = groups[a].Cost();
        }

        var growth = new double[count * count];
        for (var a = 0; a < count; a++)
        {
            for (var b = a + 1; b < count; b++)
            {
                growth[(a * count) + b] = (groups[a] | groups[b]).Cost() - costs[a] - costs[b];
            }
        }

        var alive = new List<int>(Enumerable.Range(0, count));
        while (alive.Count > Buckets)
        {
            var (into, from, best) = (-1, -1, double.MaxValue);
            for (var x = 0; x < alive.Count; x++)
            {
                var row = alive[x] * count;
                for (var y = x + 1; y < alive.Count; y++)
                {
                    if (growth[row + alive[y]] < best)
                    {
                        (into, from, best) = (alive[x], alive[y], growth[row + alive[y]]);
                    }
                }
            }

            groups[into] |= groups[from];
            costs[into] = groups[into].Cost();
            alive.Remove(from);
            foreach (var other in alive)
            {
                if (other != into)
                {
                    var (low, high) = (Math.Min(into, other), Math.Max(into, other));
                    growth[(low * count) + high] = (groups[into] | groups[other]).Cost() - costs[into] - costs[other];
                }
            }
        }

        // Tables 0-7: buckets 0-7 (offsets 0-3; low then high nibble); 8-15: buckets 8-15.
        var tables = new byte[16][];
        for (var t = 0; t < tables.Length; t++)
        {
            tables[t] = new byte[16];
        }

        for (var bucket = 0; bucket < alive.Count; bucket++)
        {
            var group = groups[alive[bucket]];
            var bit = (byte)(1 << (bucket % 8));
            for (var offset = 0; offset < 4; offset++)
            {
                var nibbles = group[offset];
                for (var n = 0; n < 16; n++)
                {
                    if ((nibbles & (1u << n)) != 0)
                    {
                        tables[(bucket / 8 * 8) + (offset * 2)][n] |= bit;
                    }

                    if ((nibbles & (1u << (n + 16))) != 0)
                    {
                        tables[(bucket / 8 * 8) + (offset * 2) + 1][n] |= bit;
                    }
                }
            }
        }

        return [.. tables.Select(t => Vector256.Create(Vector128.Create(t), Vector128.Create(t)))];

        static uint Nibbles(int value) => (1u << (value & 0xF)) | (1u << ((value >> 4) + 16));
    }

    /// <summary>
    /// <see cref="ByteWeights"/> summed for <see cref="Group.Cost"/>: for a high nibble h and a set of
    /// low nibbles given eight at a time (a byte b of the mask, for nibbles 0-7 or 8-15), entry
    /// <c>h * 512 + half * 256 + b</c> is the weight of the bytes with high nibble h and a low nibble in
    /// that set, so a group's cost at an offset takes two lookups per high nibble, not one per byte.
    /// </summary>
    private static readonly int[] WeightSums = BuildWeightSums();

    private static int[] BuildWeightSums()
    {
        var sums = new int[16 * 512];
        for (var high = 0; high < 16; high++)
        {
            for (var half = 0; half < 2; half++)
            {
                var row = (high * 512) + (half * 256);
                for (var set = 1; set < 256; set++)
                {
                    sums[row + set] = sums[row + (set & (set - 1))] + ByteWeights[(high << 4) | ((half * 8) + BitOperations.TrailingZeroCount(set))];
                }
            }
        }

        return sums;
    }

    /// <summary>
    /// A group of keyword prefixes for the SIMD stage: per byte offset 0-3, the low nibbles (bits 0-15)
    /// and high nibbles (bits 16-31) it accepts. It accepts, at each offset, every byte whose two
    /// nibbles both occur there.
    /// </summary>
    private readonly record struct Group(uint Offset0, uint Offset1, uint Offset2, uint Offset3)
    {
        public uint this[int offset] => offset switch { 0 => Offset0, 1 => Offset1, 2 => Offset2, _ => Offset3 };

        public static Group operator |(Group a, Group b) =>
            new(a.Offset0 | b.Offset0, a.Offset1 | b.Offset1, a.Offset2 | b.Offset2, a.Offset3 | b.Offset3);

        /// <summary>How often the group lets a position through: the product, over the offsets, of the accepted bytes' weights.</summary>
        public double Cost() => (double)Weight(Offset0) * Weight(Offset1) * Weight(Offset2) * Weight(Offset3);

        private static int Weight(uint nibbles)
        {
            var sums = WeightSums;
            var (lowHalf, highHalf) = ((int)(nibbles & 0xFF), 256 + (int)((nibbles >> 8) & 0xFF));
            var sum = 0;
            for (var high = nibbles >> 16; high != 0; high &= high - 1)
            {
                var row = BitOperations.TrailingZeroCount(high) * 512;
                sum += sums[row + lowHalf] + sums[row + highHalf];
            }

            return sum;
        }
    }

    /// <summary>
    /// How often each byte value occurs in source text, per 100,000 bytes and at least 1: measured on the
    /// benchmark corpus (C headers, Python, Perl, .NET reference XML), for <see cref="BuildTables"/>.
    /// </summary>
    private static ReadOnlySpan<ushort> ByteWeights =>
    [
        1, 1, 1, 1, 1, 1, 1, 1, 1, 301, 2277, 1, 1, 319, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        16209, 23, 632, 425, 98, 12, 53, 216, 860, 860, 899, 31, 756, 481, 1136, 877,
        782, 455, 375, 214, 168, 252, 174, 124, 165, 234, 382, 379, 632, 451, 695, 7,
        47, 922, 328, 912, 483, 1251, 400, 338, 209, 931, 42, 181, 841, 491, 867, 822,
        701, 33, 832, 1599, 1163, 296, 194, 92, 298, 133, 27, 74, 102, 73, 4, 3022,
        34, 3255, 669, 2187, 1795, 6996, 1449, 763, 1264, 3289, 65, 595, 1903, 1873, 3631, 2988,
        1589, 94, 3428, 3677, 4665, 1447, 469, 351, 499, 994, 99, 116, 27, 115, 7, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint value) => (int)((value * 0x9E3779B1u) >> (32 - HashBits));

    private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << index;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(ulong[] bits, int index) => (bits[index >> 6] & (1UL << index)) != 0;

    /// <summary>A keyword (ASCII bytes) and the rules it triggers.</summary>
    public readonly record struct Entry(byte[] Keyword, int[] Rules);
}
