using System.Security.Cryptography;
using System.Text;
using Strongroom.Scanning.Tokens;

namespace Strongroom.Core.Tokens;

/// <summary>
/// The identifiable token format <c>&lt;prefix&gt;_&lt;kind&gt;&lt;32 base62 random&gt;&lt;6 base62 CRC-32&gt;</c>.
/// The checksum lets anyone (a scanner, this server) reject a mistyped or made-up token without a database;
/// it is the scanner's own <see cref="TokenChecksum"/>, so what the server issues and what the scanner
/// recognizes cannot drift apart.
/// </summary>
public static class TokenFormat
{
    public const int RandomLength = TokenChecksum.RandomLength;
    public const int ChecksumLength = TokenChecksum.Length;
    private const string Alphabet = TokenChecksum.Alphabet;

    /// <summary>Length of a token with the given prefix.</summary>
    public static int LengthFor(string prefix) => prefix.Length + 2 + RandomLength + ChecksumLength;

    /// <summary>Whether a configured prefix is acceptable: 2-8 lowercase ASCII letters.</summary>
    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: >= 2 and <= 8 } && prefix.All(c => c is >= 'a' and <= 'z');

    /// <summary>A new token: random part from a CSPRNG (32 × log2(62) ≈ 190 bits).</summary>
    public static string Generate(string prefix, TokenKind kind)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException("Token prefix must be 2-8 lowercase letters.", nameof(prefix));
        }

        var body = new StringBuilder(LengthFor(prefix));
        body.Append(prefix).Append('_').Append((char)kind);
        body.Append(RandomNumberGenerator.GetString(Alphabet, RandomLength));
        body.Append(Checksum(body.ToString()));
        return body.ToString();
    }

    /// <summary>
    /// Checks shape, prefix and checksum. Cheap and storage-free: run it before any lookup.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> token, string prefix, out TokenKind kind)
    {
        kind = default;
        if (token.Length != LengthFor(prefix) || !token.StartsWith(prefix, StringComparison.Ordinal) || token[prefix.Length] != '_')
        {
            return false;
        }

        var kindChar = token[prefix.Length + 1];
        if (kindChar is not ('p' or 'c' or 'w' or 'r'))
        {
            return false;
        }

        var tail = token[(prefix.Length + 2)..];
        foreach (var c in tail)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        if (!TokenChecksum.HasValidChecksum(token))
        {
            return false;
        }

        kind = (TokenKind)kindChar;
        return true;
    }

    /// <summary>CRC-32 (IEEE) of <paramref name="body"/> as 6 base62 digits, most significant first.</summary>
    public static string Checksum(ReadOnlySpan<char> body) => TokenChecksum.Compute(body);

    /// <summary>SHA-256 of the whole token: the only form in which a token is stored.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
