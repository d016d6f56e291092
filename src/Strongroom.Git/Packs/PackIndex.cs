using System.Buffers.Binary;

namespace Strongroom.Git.Packs;

/// <summary>
/// A pack's index (<c>.idx</c>, version 2, SHA-1): the id and pack offset of every object in it. Read whole:
/// about 28 bytes per object.
/// </summary>
public sealed class PackIndex
{
    internal const int IdLength = 20;
    private static readonly byte[] Magic = [0xff, (byte)'t', (byte)'O', (byte)'c', 0, 0, 0, 2];
    private readonly byte[] _ids;

    private PackIndex(byte[] ids, long[] offsets)
    {
        _ids = ids;
        Offsets = offsets;
    }

    /// <summary>Objects in the pack.</summary>
    public int Count => Offsets.Length;

    /// <summary>Each object's offset in the pack, in the index's order (by id).</summary>
    public long[] Offsets { get; }

    /// <summary>Reads an index; throws <see cref="NotSupportedException"/> for any other format (SHA-256 repositories, version 1): the caller walks instead.</summary>
    public static PackIndex Read(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < Magic.Length + 256 * 4 + 2 * IdLength || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new NotSupportedException("not a version 2 pack index");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(Magic.Length + 255 * 4));
        var idsAt = Magic.Length + 256 * 4;
        var offsetsAt = idsAt + count * (IdLength + 4);
        var largeAt = offsetsAt + count * 4;
        if (count < 0 || largeAt + 2 * IdLength > data.Length)
        {
            throw new NotSupportedException("pack index too short for its object count (not SHA-1?)");
        }

        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            var small = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offsetsAt + i * 4));
            offsets[i] = (small & 0x8000_0000) == 0 ? small
                : BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(largeAt + (int)(small & 0x7fff_ffff) * 8));
        }

        return new PackIndex(data.AsSpan(idsAt, count * IdLength).ToArray(), offsets);
    }

    /// <summary>The id of the object at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Id(int index) => _ids.AsSpan(index * IdLength, IdLength);

    /// <summary>The index of the object with this id, or -1 when the pack does not hold it.</summary>
    public int Find(ReadOnlySpan<byte> id)
    {
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = Id(middle).SequenceCompareTo(id);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
