using System.IO.Hashing;
using System.Text;

namespace Strongroom.Scanning.Tokens;

/// <summary>
/// The checksum of Strongroom tokens (<c>&lt;prefix&gt;_&lt;kind&gt;&lt;32 random&gt;&lt;6 checksum&gt;</c>):
/// CRC-32 (IEEE) of everything before it, as ASCII, in base62 (<c>0-9A-Za-z</c>, most significant digit
/// first) left-padded with <c>0</c> to six characters. GitHub and npm tokens use the same encoding over
/// their random part only.
/// </summary>
public static class TokenChecksum
{
    /// <summary>Length of the encoded checksum.</summary>
    public const int Length = 6;

    /// <summary>Length of the random part of a Strongroom token.</summary>
    public const int RandomLength = 32;

    /// <summary>The base62 alphabet, in digit order.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Computes the six-character checksum of <paramref name="body"/> (ASCII text).</summary>
    public static string Compute(ReadOnlySpan<char> body)
    {
        Span<char> result = stackalloc char[Length];
        Encode(Crc(body), result);
        return new string(result);
    }

    /// <summary>Whether the last six characters of <paramref name="text"/> are the checksum of the rest.</summary>
    public static bool HasValidChecksum(ReadOnlySpan<char> text)
    {
        if (text.Length <= Length)
        {
            return false;
        }

        Span<char> expected = stackalloc char[Length];
        Encode(Crc(text[..^Length]), expected);
        return expected.SequenceEqual(text[^Length..]);
    }

    /// <summary>
    /// Whether <paramref name="token"/> is a well-formed Strongroom token with a valid checksum:
    /// a prefix of 2-8 lowercase letters, an underscore, a lowercase kind letter, 32 base62 characters
    /// and the checksum. With <paramref name="prefix"/> given, the prefix must be exactly that.
    /// </summary>
    public static bool IsValidToken(ReadOnlySpan<char> token, string? prefix = null)
    {
        var underscore = token.IndexOf('_');
        if (underscore is < 2 or > 8 || token.Length != underscore + 2 + RandomLength + Length)
        {
            return false;
        }

        var head = token[..underscore];
        if (prefix is not null && !head.SequenceEqual(prefix))
        {
            return false;
        }

        foreach (var c in head)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        var kind = token[underscore + 1];
        if (kind is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in token[(underscore + 2)..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return HasValidChecksum(token);
    }

    private static uint Crc(ReadOnlySpan<char> body)
    {
        Span<byte> bytes = body.Length <= 256 ? stackalloc byte[body.Length] : new byte[body.Length];
        var written = Encoding.ASCII.GetBytes(body, bytes);
        return Crc32.HashToUInt32(bytes[..written]);
    }

    private static void Encode(uint value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }
}
