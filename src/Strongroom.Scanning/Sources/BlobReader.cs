using System.Buffers;
using System.Globalization;
using System.Text;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Sources;

/// <summary>
/// Streams blobs out of one <c>git cat-file --batch</c> process and scans each in turn, without holding
/// a whole blob in memory. Several readers run side by side to use every core.
/// </summary>
internal static class BlobReader
{
    /// <summary>
    /// Scans the blobs named by <paramref name="blobs"/> (consumed as they arrive, so a producer can still
    /// be discovering them); returns each blob's findings, with the blob id as path. Blobs without
    /// findings are absent.
    /// </summary>
    public static Dictionary<string, List<Finding>> ScanBlobs(
        ScanEngine engine, string repository, IEnumerable<string> blobs, ScanProgress? progress)
    {
        var results = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        using var process = GitCommand.Start(repository, redirectInput: true, "cat-file", "--batch", "--buffer");
        var writer = StartWriting(process.StandardInput, blobs);

        var output = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        var header = new byte[256];
        while (ReadLine(output, header) is { Length: > 0 } line)
        {
            var parts = line.Split(' ');
            if (parts.Length < 3)
            {
                continue; // "<id> missing"
            }

            var size = long.Parse(parts[2], CultureInfo.InvariantCulture);
            var content = new LimitedStream(output, size);
            if (parts[1] != "blob")
            {
                content.Drain();
                output.ReadByte();
                continue;
            }

            var findings = new List<Finding>();
            var read = engine.Scan(content, parts[0], findings);
            content.Drain();
            output.ReadByte(); // the newline after the content
            if (read < 0)
            {
                progress?.AddSkipped();
            }
            else
            {
                progress?.AddFile(read);
            }

            if (findings.Count > 0)
            {
                results[parts[0]] = findings;
            }
        }

        writer.GetAwaiter().GetResult();
        GitCommand.Finish(process);
        return results;
    }

    // Names the blobs to cat-file from a thread of its own: it blocks whenever cat-file's output is not
    // being read, and the blobs may still be arriving from a producer.
    private static Task StartWriting(StreamWriter input, IEnumerable<string> blobs) =>
        Task.Factory.StartNew(
            () =>
            {
                using (input)
                {
                    foreach (var blob in blobs)
                    {
                        input.Write(blob);
                        input.Write('\n');
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static string ReadLine(Stream stream, byte[] buffer)
    {
        var length = 0;
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (length < buffer.Length)
            {
                buffer[length++] = (byte)b;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    /// <summary>A read-only view of the next <c>length</c> bytes of a stream.</summary>
    private sealed class LimitedStream(Stream inner, long length) : Stream
    {
        private readonly long _length = length;
        private long _remaining = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _length - _remaining;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_remaining <= 0)
            {
                return 0;
            }

            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
            if (read == 0)
            {
                throw new EndOfStreamException("git cat-file output ended inside a blob.");
            }

            _remaining -= read;
            return read;
        }

        public void Drain()
        {
            var scratch = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                while (Read(scratch) > 0)
                {
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
