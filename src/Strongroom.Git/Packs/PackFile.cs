using System.IO.MemoryMappedFiles;

namespace Strongroom.Git.Packs;

/// <summary>
/// A pack file read in place: memory-mapped, its entries' headers parsed once, any entry inflated on
/// demand from any thread. The pack must already be checked (git's <c>index-pack</c> has, for a push).
/// </summary>
public sealed unsafe class PackFile : IDisposable
{
    private const int TrailerLength = 20;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private readonly long _length;

    private PackFile(MemoryMappedFile file, MemoryMappedViewAccessor view, long length, PackIndex index)
    {
        _file = file;
        _view = view;
        _length = length;
        Index = index;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _start = pointer + view.PointerOffset;
        Entries = ReadEntries();
    }

    public PackIndex Index { get; }

    /// <summary>Every entry, in pack order (by offset).</summary>
    public PackEntry[] Entries { get; }

    /// <summary>Opens the pack at <paramref name="packPath"/> with its index beside it.</summary>
    public static PackFile Open(string packPath)
    {
        var index = PackIndex.Read(Path.ChangeExtension(packPath, ".idx"));
        var length = new FileInfo(packPath).Length;
        var file = MemoryMappedFile.CreateFromFile(packPath, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
        try
        {
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new PackFile(file, view, length, index);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The position in <see cref="Entries"/> of the entry at <paramref name="offset"/>, or -1.</summary>
    public int EntryAt(long offset)
    {
        int low = 0, high = Entries.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var at = Entries[middle].Offset;
            if (at == offset)
            {
                return middle;
            }

            if (at < offset)
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

    /// <summary>Inflates the entry's data (the object, or the delta) into <paramref name="destination"/>, which holds exactly <see cref="PackEntry.Size"/> bytes.</summary>
    public void Inflate(in PackEntry entry, Span<byte> destination)
    {
        Inflater.Inflate(_start + entry.DataStart, entry.DataEnd - entry.DataStart, destination);
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private PackEntry[] ReadEntries()
    {
        var order = Enumerable.Range(0, Index.Count).ToArray();
        var offsets = (long[])Index.Offsets.Clone();
        Array.Sort(offsets, order);
        var entries = new PackEntry[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var end = i + 1 < offsets.Length ? offsets[i + 1] : _length - TrailerLength;
            entries[i] = ReadHeader(offsets[i], end, order[i]);
        }

        return entries;
    }

    // The header: type and size in a little-endian base-128 number, then for a delta its base (an offset
    // back from this entry, or the base's id).
    private PackEntry ReadHeader(long offset, long end, int index)
    {
        var header = new ReadOnlySpan<byte>(_start + offset, (int)Math.Min(end - offset, 32 + PackIndex.IdLength));
        var at = 0;
        int c = header[at++];
        var type = (PackObjectType)((c >> 4) & 7);
        var size = (long)(c & 15);
        for (var shift = 4; (c & 0x80) != 0; shift += 7)
        {
            c = header[at++];
            size |= (long)(c & 0x7f) << shift;
        }

        var baseOffset = -1L;
        if (type == PackObjectType.OffsetDelta)
        {
            c = header[at++];
            var back = (long)(c & 0x7f);
            while ((c & 0x80) != 0)
            {
                c = header[at++];
                back = ((back + 1) << 7) | (long)(c & 0x7f);
            }

            baseOffset = offset - back;
        }
        else if (type == PackObjectType.ReferenceDelta)
        {
            var baseIndex = Index.Find(header.Slice(at, PackIndex.IdLength));
            baseOffset = baseIndex < 0 ? -1 : Index.Offsets[baseIndex];
            at += PackIndex.IdLength;
        }

        return new PackEntry(offset, type, size, offset + at, end, baseOffset, index);
    }
}
