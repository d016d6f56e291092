using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Strongroom.Scanning.Engine;

/// <summary>How <see cref="KeywordFilter"/> groups the keywords' prefixes into the SIMD stage's 16 buckets.</summary>
internal sealed partial class KeywordFilter
{
    /// <summary>
    /// The SIMD stage's nibble tables. Every three bytes the pair and triple tests accept start a group
    /// (hash collisions included, so the stage stays a superset of <see cref="Confirm"/>; any third byte
    /// after a two-byte keyword), kept apart at first so that a collision's odd third byte does not
    /// widen its pair's common one. Groups are merged greedily, the
    /// cheapest merge first, down to 16 buckets: a bucket accepts, at each offset, every byte whose
    /// low and high nibbles both occur there, and a merge costs the growth of the product of those
    /// bytes' frequencies in source text (<see cref="ByteWeights"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // each step runs once per process: no tier-0 code
    private Vector256<byte>[] BuildTables(int[] keywordPairs) =>
        FillTables(new GroupMerge(CollectGroups(keywordPairs)).MergeDownTo(Buckets));

    /// <summary>One group per pair, triple or four-byte prefix that the pair and triple tests let through.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Group> CollectGroups(int[] keywordPairs)
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

        return groups;
    }

    /// <summary>
    /// The 16 nibble tables of the buckets: tables 0-7 for buckets 0-7 (offsets 0-3; low then high
    /// nibble), tables 8-15 for buckets 8-15, bit <c>bucket % 8</c> set where the bucket accepts the nibble.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<byte>[] FillTables(Group[] buckets)
    {
        var tables = new byte[16][];
        for (var t = 0; t < tables.Length; t++)
        {
            tables[t] = new byte[16];
        }

        for (var bucket = 0; bucket < buckets.Length; bucket++)
        {
            var group = buckets[bucket];
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
    }

    private static uint Nibbles(int value) => (1u << (value & 0xF)) | (1u << ((value >> 4) + 16));

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
}
