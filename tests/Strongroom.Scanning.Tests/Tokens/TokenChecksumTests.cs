using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Tokens;

namespace Strongroom.Scanning.Tests.Tokens;

public sealed class TokenChecksumTests
{
    private const string Base62 = TokenChecksum.Alphabet;
    private static readonly ScanEngine Engine = new();

    private static string NewToken(string prefix, char kind)
    {
        var random = string.Concat(Enumerable.Range(0, 32).Select(_ => Base62[Random.Shared.Next(62)]));
        var body = $"{prefix}_{kind}{random}";
        return body + TokenChecksum.Compute(body);
    }

    [Fact]
    public void Compute_KnownInput_MatchesCrc32IeeeInBase62()
    {
        // Arrange: CRC-32 of "123456789" is 0xCBF43926 = 3421780262, which is "3jZRME" in base62 (0-9A-Za-z).
        const string input = "123456789";

        // Act
        var checksum = TokenChecksum.Compute(input);

        // Assert
        Assert.Equal("3jZRME", checksum);
    }

    [Theory]
    [InlineData("sr", 'p')]
    [InlineData("sr", 'c')]
    [InlineData("sr", 'w')]
    [InlineData("sr", 'r')]
    [InlineData("acme", 'z')]
    public void IsValidToken_FreshToken_True(string prefix, char kind)
    {
        // Arrange
        var token = NewToken(prefix, kind);

        // Act
        var valid = TokenChecksum.IsValidToken(token, prefix);

        // Assert
        Assert.True(valid);
        Assert.Equal(prefix.Length + 2 + 32 + 6, token.Length);
    }

    [Theory]
    [InlineData("s_pAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000")]
    [InlineData("SR_pAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000")]
    [InlineData("")]
    public void IsValidToken_Malformed_False(string token)
    {
        // Act
        var valid = TokenChecksum.IsValidToken(token);

        // Assert
        Assert.False(valid);
    }

    [Theory]
    [InlineData('p')]
    [InlineData('c')]
    [InlineData('w')]
    [InlineData('r')]
    public void Scan_ValidToken_FoundAndEverySingleCharacterMutationNot(char kind)
    {
        // Arrange
        var token = NewToken("sr", kind);
        var alphabet = Base62 + "_-";

        // Act
        var original = Engine.ScanText($"token = {token}\n");
        var mutantFindings = 0;
        var mutants = 0;
        for (var i = 0; i < token.Length; i++)
        {
            foreach (var c in alphabet)
            {
                if (c == token[i])
                {
                    continue;
                }

                var mutant = string.Concat(token.AsSpan(0, i), c.ToString(), token.AsSpan(i + 1));
                mutants++;
                mutantFindings += Engine.ScanText($"token = {mutant}\n").Count(f => f.RuleId == "strongroom-token");
            }
        }

        // Assert
        var finding = Assert.Single(original);
        Assert.Equal("strongroom-token", finding.RuleId);
        Assert.Equal(token, finding.Secret);
        Assert.True(mutants > 2000);
        Assert.Equal(0, mutantFindings);
    }

    [Fact]
    public void Scan_ConfiguredPrefix_FindsOnlyThatPrefix()
    {
        // Arrange
        var engine = new ScanEngine(new ScanOptions { TokenPrefixes = ["acme"] });
        var ours = NewToken("acme", 'p');
        var other = NewToken("sr", 'p');

        // Act
        var findings = engine.ScanText($"{ours}\n{other}\n");

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(ours, finding.Secret);
    }
}
