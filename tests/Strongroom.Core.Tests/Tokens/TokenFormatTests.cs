using Strongroom.Core.Tokens;

namespace Strongroom.Core.Tests.Tokens;

public sealed class TokenFormatTests
{
    [Theory]
    [InlineData("sr", TokenKind.FineGrained)]
    [InlineData("hf", TokenKind.Classic)]
    [InlineData("abcdefgh", TokenKind.Workload)]
    [InlineData("sr", TokenKind.Runner)]
    public void Generate_ProducesParsableTokenOfTheDocumentedShape(string prefix, TokenKind kind)
    {
        var token = TokenFormat.Generate(prefix, kind);

        Assert.Equal(prefix.Length + 2 + 32 + 6, token.Length);
        Assert.StartsWith(prefix + "_" + (char)kind, token, StringComparison.Ordinal);
        Assert.True(TokenFormat.TryParse(token, prefix, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void Checksum_IsCrc32IeeeInBase62_KnownVectors()
    {
        // CRC-32("123456789") = 0xCBF43926 = 3,421,780,262 = 3·62^5 + 45·62^4 + 35·62^3 + 27·62^2 + 22·62 + 14.
        Assert.Equal("3jZRME", TokenFormat.Checksum("123456789"));
        Assert.Equal("000000", TokenFormat.Checksum(""));
        Assert.True(TokenFormat.TryParse("sr_pAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA3r1BGx", "sr", out var kind));
        Assert.Equal(TokenKind.FineGrained, kind);
    }

    [Fact]
    public void TryParse_EverySingleCharacterMutation_IsRejected()
    {
        var token = TokenFormat.Generate("sr", TokenKind.FineGrained);
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
        var accepted = 0;
        for (var i = 0; i < token.Length; i++)
        {
            foreach (var c in alphabet)
            {
                if (c == token[i])
                {
                    continue;
                }

                var mutated = token[..i] + c + token[(i + 1)..];
                if (TokenFormat.TryParse(mutated, "sr", out _))
                {
                    accepted++;
                }
            }
        }

        Assert.Equal(0, accepted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sr_p")]
    [InlineData("hf_pAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000")]
    [InlineData("sr_xAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000")]
    [InlineData("sr_pAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-A000000")]
    public void TryParse_Malformed_IsRejected(string token) => Assert.False(TokenFormat.TryParse(token, "sr", out _));

    [Theory]
    [InlineData("s")]
    [InlineData("toolongprefix")]
    [InlineData("Sr")]
    [InlineData("s1")]
    public void IsValidPrefix_RejectsBadPrefixes(string prefix) => Assert.False(TokenFormat.IsValidPrefix(prefix));
}
