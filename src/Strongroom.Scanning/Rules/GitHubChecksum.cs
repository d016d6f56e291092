using Strongroom.Scanning.Tokens;

namespace Strongroom.Scanning.Rules;

/// <summary>
/// The checksum of GitHub's and npm's current token formats: <c>&lt;prefix&gt;_</c>, 30 random base62
/// characters, then CRC-32 of those 30 characters in six base62 characters.
/// </summary>
internal static class GitHubChecksum
{
    public static bool IsValid(string token)
    {
        var underscore = token.LastIndexOf('_');
        var body = token.AsSpan(underscore + 1);
        return body.Length == 36 && TokenChecksum.HasValidChecksum(body);
    }
}
