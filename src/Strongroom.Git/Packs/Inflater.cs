using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Strongroom.Git.Packs;

/// <summary>
/// Inflates one zlib stream after another with one reusable state per thread. A pack holds tens of
/// thousands of small compressed objects; a <see cref="ZLibStream"/> per object spends as long setting up
/// and tearing down as inflating (44,000 objects of a real history: 300 ms against 210 ms reset in place).
/// It calls the zlib that ships with .NET (<c>libSystem.IO.Compression.Native</c>, the library behind
/// <see cref="ZLibStream"/>) and falls back to <see cref="ZLibStream"/> where that library lacks these entry points.
/// </summary>
internal sealed unsafe partial class Inflater : IDisposable
{
    private const string Library = "libSystem.IO.Compression.Native";
    private const int WindowBits = 15; // zlib format, 32 KiB window
    private const int Finish = 4;      // Z_FINISH
    private const int StreamEnd = 1;   // Z_STREAM_END

    [ThreadStatic]
    private static Inflater? t_inflater;

    private static bool s_unavailable;
    private ZStream* _stream;

    private Inflater()
    {
        _stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
        if (InflateInit(_stream, WindowBits) != 0)
        {
            NativeMemory.Free(_stream);
            throw new InvalidOperationException("zlib could not be initialised");
        }
    }

    ~Inflater() => Release();

    /// <summary>Inflates <paramref name="length"/> compressed bytes at <paramref name="source"/> into all of <paramref name="destination"/>.</summary>
    public static void Inflate(byte* source, long length, Span<byte> destination)
    {
        if (!Volatile.Read(ref s_unavailable) && Current() is { } inflater)
        {
            inflater.Run(source, length, destination);
            return;
        }

        using var compressed = new UnmanagedMemoryStream(source, length);
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        zlib.ReadExactly(destination);
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private static Inflater? Current()
    {
        try
        {
            return t_inflater ??= new Inflater();
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Volatile.Write(ref s_unavailable, true);
            return null;
        }
    }

    private void Run(byte* source, long length, Span<byte> destination)
    {
        if (InflateReset(_stream, WindowBits) != 0)
        {
            throw new InvalidDataException("zlib could not be reset");
        }

        // An empty object still has a zlib stream to end, and zlib refuses a null output pointer.
        byte empty = 0;
        fixed (byte* pinned = destination)
        {
            var output = pinned is null ? &empty : pinned;
            // A pack entry is far below 4 GiB compressed: the pack's own limit (receive.maxInputSize) is lower.
            _stream->NextIn = source;
            _stream->AvailIn = (uint)Math.Min(length, uint.MaxValue);
            _stream->NextOut = output;
            _stream->AvailOut = (uint)destination.Length;
            var result = InflateCall(_stream, Finish);
            if (result != StreamEnd || _stream->AvailOut != 0)
            {
                throw new InvalidDataException($"a pack entry does not inflate to its stated size (zlib {result})");
            }
        }
    }

    private void Release()
    {
        if (_stream is not null)
        {
            _ = InflateEnd(_stream);
            NativeMemory.Free(_stream);
            _stream = null;
        }
    }

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateInit2_")]
    private static partial int InflateInit(ZStream* stream, int windowBits);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateReset2_")]
    private static partial int InflateReset(ZStream* stream, int windowBits);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Inflate")]
    private static partial int InflateCall(ZStream* stream, int flush);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateEnd")]
    private static partial int InflateEnd(ZStream* stream);

    /// <summary>The runtime's <c>PAL_ZStream</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ZStream
    {
        public byte* NextIn;
        public byte* NextOut;
        public nint Message;
        public nint State;
        public uint AvailIn;
        public uint AvailOut;
    }
}
