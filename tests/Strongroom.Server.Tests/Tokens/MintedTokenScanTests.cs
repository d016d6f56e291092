using Strongroom.Scanning.Engine;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Tokens;

/// <summary>What the server issues, the scanner recognizes: one checksum for both, checked end to end.</summary>
public sealed class MintedTokenScanTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task TokenIssuedByTheServer_IsFoundByTheScanner_AndAOneCharacterTypoIsNot()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "ci" });
        var typo = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        var engine = new ScanEngine();

        var found = engine.ScanText($"HF_TOKEN={token}\n");
        var notFound = engine.ScanText($"HF_TOKEN={typo}\n");

        Assert.Contains(found, f => f.RuleId == "strongroom-token");
        Assert.DoesNotContain(notFound, f => f.RuleId == "strongroom-token");
    }
}
