using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Strongroom.Scanning.Engine;

/// <summary>The SIMD stage of <see cref="KeywordFilter"/>: 32 or 16 positions per step, then the exact checks.</summary>
internal sealed partial class KeywordFilter
{
    /// <summary>
    /// <see cref="Next"/> with the SIMD stage 32 bytes at a time: each position's first four bytes are
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
        var t = Tables;
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
        var t = Tables;
        var (low0A, high0A, low1A, high1A, low2A, high2A, low3A, high3A) =
            (t[0].GetLower(), t[1].GetLower(), t[2].GetLower(), t[3].GetLower(), t[4].GetLower(), t[5].GetLower(), t[6].GetLower(), t[7].GetLower());
        var (low0B, high0B, low1B, high1B, low2B, high2B, low3B, high3B) =
            (t[8].GetLower(), t[9].GetLower(), t[10].GetLower(), t[11].GetLower(), t[12].GetLower(), t[13].GetLower(), t[14].GetLower(), t[15].GetLower());
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
}
