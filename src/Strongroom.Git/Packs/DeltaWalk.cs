using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Strongroom.Git.Packs;

/// <summary>
/// Sees a blob of a pack: its id (hex), its whole content, and, when <paramref name="whole"/> is false, the
/// ranges that changed from its delta base, which was seen and covered before it. Returns whether the content
/// was covered (scanned as text), so that the blobs stored as deltas against it may be seen by their changes.
/// </summary>
public delegate bool BlobVisitor(string id, ReadOnlySpan<byte> content, ReadOnlySpan<(int Start, int End)> changes, bool whole);

/// <summary>
/// Every blob of a pack, each inflated once: from each whole blob down the tree of deltas stored against
/// it, holding only the chain being walked. A delta's result is handed over with what it changed, so a
/// history's thousand versions of a file are looked at where they differ, not a thousand times whole.
/// Objects the repository already holds (a thin pack's bases, which <c>index-pack --fix-thin</c> appends)
/// are not visited, and what is stored against them is visited whole.
/// </summary>
public sealed class DeltaWalk(PackFile pack, Func<string, bool> isKnown, BlobVisitor visit)
{
    /// <summary>No blob larger, and no chain holding more at once, is walked here: the caller streams those instead.</summary>
    public const long MaxHeldBytes = 256L * 1024 * 1024;

    private int[] _firstChild = [];
    private int[] _nextSibling = [];

    /// <summary>
    /// Visits every new blob from up to <paramref name="parallelism"/> threads; returns how many blobs and
    /// bytes there were. Throws <see cref="NotSupportedException"/> when the pack cannot be walked here (a
    /// delta whose base is elsewhere, a blob or chain above <see cref="MaxHeldBytes"/>).
    /// </summary>
    public (int Blobs, long Bytes) Run(int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var roots = LinkDeltas();
        var blobs = 0;
        var bytes = 0L;
        Parallel.ForEach(Partitioner.Create(roots, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, root =>
        {
            var (count, size) = WalkTree(root, cancellationToken);
            Interlocked.Add(ref blobs, count);
            Interlocked.Add(ref bytes, size);
        });
        return (blobs, bytes);
    }

    // Children lists as two arrays over the entries; the roots are the whole blobs.
    private List<int> LinkDeltas()
    {
        var entries = pack.Entries;
        _firstChild = new int[entries.Length];
        _nextSibling = new int[entries.Length];
        Array.Fill(_firstChild, -1);
        var roots = new List<int>();
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (!entries[i].IsDelta)
            {
                if (entries[i].Type == PackObjectType.Blob)
                {
                    roots.Add(i);
                }

                continue;
            }

            var parent = entries[i].BaseOffset < 0 ? -1 : pack.EntryAt(entries[i].BaseOffset);
            if (parent < 0)
            {
                throw new NotSupportedException("a delta's base is not in the pack");
            }

            _nextSibling[i] = _firstChild[parent];
            _firstChild[parent] = i;
        }

        // Heaviest first (by the bytes stored for the tree: what is inflated, and roughly what is scanned),
        // taken one at a time: a thread that ends on a light tree does not leave the other a long one.
        return [.. roots.OrderByDescending(Weight)];
    }

    private long Weight(int root)
    {
        var weight = 0L;
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var entry))
        {
            weight += pack.Entries[entry].Size;
            for (var child = _firstChild[entry]; child >= 0; child = _nextSibling[child])
            {
                pending.Push(child);
            }
        }

        return weight;
    }

    private (int Blobs, long Bytes) WalkTree(int root, CancellationToken cancellationToken)
    {
        var stack = new Stack<Frame>();
        var held = 0L;
        var blobs = 0;
        var bytes = 0L;
        try
        {
            var top = Whole(root);
            held += top.Length;
            blobs++;
            bytes += top.Length;
            stack.Push(top);
            while (stack.TryPeek(out var frame))
            {
                var child = frame.NextChild;
                if (child < 0)
                {
                    stack.Pop();
                    held -= frame.Length;
                    ArrayPool<byte>.Shared.Return(frame.Content);
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                frame.NextChild = _nextSibling[child];
                var next = Derived(child, frame);
                blobs++;
                bytes += next.Length;
                if (next.NextChild < 0)
                {
                    ArrayPool<byte>.Shared.Return(next.Content);
                    continue;
                }

                held += next.Length;
                if (held > MaxHeldBytes)
                {
                    ArrayPool<byte>.Shared.Return(next.Content);
                    throw new NotSupportedException("a delta chain holds more than the walk keeps in memory");
                }

                stack.Push(next);
            }
        }
        finally
        {
            foreach (var frame in stack)
            {
                ArrayPool<byte>.Shared.Return(frame.Content);
            }
        }

        return (blobs, bytes);
    }

    private Frame Whole(int entry)
    {
        var header = pack.Entries[entry];
        var content = Rent(header.Size);
        pack.Inflate(header, content.AsSpan(0, (int)header.Size));
        var id = Convert.ToHexStringLower(pack.Index.Id(header.Index));
        var covered = !isKnown(id) && visit(id, content.AsSpan(0, (int)header.Size), [], whole: true);
        return new Frame(content, (int)header.Size, covered, _firstChild[entry]);
    }

    private Frame Derived(int entry, Frame parent)
    {
        var header = pack.Entries[entry];
        var delta = Rent(header.Size);
        try
        {
            var instructions = delta.AsSpan(0, (int)header.Size);
            pack.Inflate(header, instructions);
            var size = Delta.ResultSize(instructions);
            var content = Rent(size);
            try
            {
                var changes = new List<(int Start, int End)>();
                Delta.Apply(parent.Content.AsSpan(0, parent.Length), instructions, content.AsSpan(0, (int)size), changes);
                var id = Convert.ToHexStringLower(pack.Index.Id(header.Index));
                var covered = !isKnown(id) && visit(id, content.AsSpan(0, (int)size), CollectionsMarshal.AsSpan(changes), whole: !parent.Covered);
                return new Frame(content, (int)size, covered, _firstChild[entry]);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(content);
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(delta);
        }
    }

    private static byte[] Rent(long size) => size <= MaxHeldBytes
        ? ArrayPool<byte>.Shared.Rent((int)Math.Max(1, size))
        : throw new NotSupportedException("a blob is larger than the walk keeps in memory");

    private sealed class Frame(byte[] content, int length, bool covered, int firstChild)
    {
        public byte[] Content { get; } = content;

        public int Length { get; } = length;

        public bool Covered { get; } = covered;

        public int NextChild { get; set; } = firstChild;
    }
}
