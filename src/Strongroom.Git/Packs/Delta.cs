namespace Strongroom.Git.Packs;

/// <summary>
/// Applying a git delta (a pack's <c>OBJ_*_DELTA</c> data: the base's and the result's sizes, then copies
/// from the base and inserted bytes) while noting what in the result did not come from the base as it was:
/// the inserted bytes, and a seam wherever two copies that were apart in the base meet.
/// </summary>
public static class Delta
{
    /// <summary>The size of the object the delta produces.</summary>
    public static long ResultSize(ReadOnlySpan<byte> delta)
    {
        var at = 0;
        _ = ReadSize(delta, ref at);
        return ReadSize(delta, ref at);
    }

    /// <summary>
    /// Builds the result into <paramref name="result"/> (exactly <see cref="ResultSize"/> bytes) and adds to
    /// <paramref name="changes"/>, in order, the ranges of the result that are new: inserted bytes, and empty
    /// ranges at seams (the start or end when the base's start or end was not copied there).
    /// </summary>
    public static void Apply(ReadOnlySpan<byte> source, ReadOnlySpan<byte> delta, Span<byte> result, List<(int Start, int End)> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var at = 0;
        if (ReadSize(delta, ref at) != source.Length || ReadSize(delta, ref at) != result.Length)
        {
            throw new InvalidDataException("delta sizes do not match its base and result");
        }

        var written = 0;
        var copiedUpTo = 0L; // where the previous copy ended in the base: a copy starting there continues it
        while (at < delta.Length)
        {
            int op = delta[at++];
            if ((op & 0x80) != 0)
            {
                var (offset, size) = ReadCopy(delta, ref at, op);
                if (offset != copiedUpTo)
                {
                    Note(changes, written, written);
                }

                source.Slice((int)offset, size).CopyTo(result[written..]);
                written += size;
                copiedUpTo = offset + size;
            }
            else if (op != 0)
            {
                delta.Slice(at, op).CopyTo(result[written..]);
                Note(changes, written, written + op);
                at += op;
                written += op;
                copiedUpTo = -1;
            }
            else
            {
                throw new InvalidDataException("delta holds the reserved instruction 0");
            }
        }

        if (written != result.Length)
        {
            throw new InvalidDataException("delta does not fill its result");
        }

        if (copiedUpTo != source.Length)
        {
            Note(changes, written, written);
        }
    }

    // Adjacent or overlapping ranges are merged: an insert after a seam is one change.
    private static void Note(List<(int Start, int End)> changes, int start, int end)
    {
        if (changes.Count > 0 && changes[^1].End >= start)
        {
            changes[^1] = (changes[^1].Start, Math.Max(changes[^1].End, end));
            return;
        }

        changes.Add((start, end));
    }

    private static (long Offset, int Size) ReadCopy(ReadOnlySpan<byte> delta, ref int at, int op)
    {
        long offset = 0;
        for (var bit = 0; bit < 4; bit++)
        {
            if ((op & (1 << bit)) != 0)
            {
                offset |= (long)delta[at++] << (8 * bit);
            }
        }

        var size = 0;
        for (var bit = 0; bit < 3; bit++)
        {
            if ((op & (0x10 << bit)) != 0)
            {
                size |= delta[at++] << (8 * bit);
            }
        }

        return (offset, size == 0 ? 0x10000 : size);
    }

    private static long ReadSize(ReadOnlySpan<byte> delta, ref int at)
    {
        long size = 0;
        var shift = 0;
        int c;
        do
        {
            c = delta[at++];
            size |= (long)(c & 0x7f) << shift;
            shift += 7;
        }
        while ((c & 0x80) != 0);
        return size;
    }
}
