using Strongroom.Scanning.Tokens;

namespace Strongroom.Scanning.Tests;

/// <summary>Fresh, fabricated secrets for tests.</summary>
internal static class Secrets
{
    public static string Token(char kind = 'p')
    {
        var random = string.Concat(Enumerable.Range(0, 32).Select(_ => TokenChecksum.Alphabet[Random.Shared.Next(62)]));
        var body = $"sr_{kind}{random}";
        return body + TokenChecksum.Compute(body);
    }
}
