using System.Text;

namespace Strongroom.Scanning.Engine;

/// <summary>
/// Text files in UTF-16 with a byte-order mark: recognised by it, and read as UTF-8 so the keyword
/// filter and the patterns (all ASCII) see them as any other text. Without a BOM, UTF-16 looks like
/// binary (a NUL byte every other byte) and is skipped, as it is by git.
/// </summary>
internal static class Utf16Text
{
    /// <summary>The UTF-16 encoding whose BOM <paramref name="start"/> begins with, or null.</summary>
    public static Encoding? FromByteOrderMark(ReadOnlySpan<byte> start) => start switch
    {
        // FF FE 00 00 is the UTF-32 LE mark: not handled, left to the binary check.
        [0xFF, 0xFE, 0x00, 0x00, ..] => null,
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    /// <summary>
    /// The rest of <paramref name="input"/>, after the <paramref name="consumed"/> bytes already read from it
    /// (without the BOM), transcoded from <paramref name="encoding"/> to UTF-8.
    /// </summary>
    public static Stream AsUtf8(byte[] consumed, Stream input, Encoding encoding) =>
        Encoding.CreateTranscodingStream(new PrefixedStream(consumed, input), encoding, new UTF8Encoding(false));

    /// <summary>Reads <c>prefix</c>, then <c>rest</c>; forward only.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                var count = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
