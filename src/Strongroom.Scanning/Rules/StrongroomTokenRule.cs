using System.Text.RegularExpressions;
using Strongroom.Scanning.Tokens;

namespace Strongroom.Scanning.Rules;

/// <summary>
/// Rule <c>strongroom-token</c>: our own access tokens of every kind,
/// <c>&lt;prefix&gt;_&lt;kind&gt;&lt;32 base62&gt;&lt;6 base62 CRC-32&gt;</c>, checksum-verified,
/// so a string with a wrong checksum is never a finding.
/// </summary>
internal static class StrongroomTokenRule
{
    public const string Id = "strongroom-token";

    public static SecretRule Create(IReadOnlyList<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (prefix.Length is < 2 or > 8 || !prefix.All(char.IsAsciiLetterLower))
            {
                throw new ArgumentException($"Token prefix '{prefix}' must be 2-8 lowercase letters.", nameof(prefixes));
            }
        }

        var alternatives = string.Join('|', prefixes.Select(Regex.Escape));
        var pattern = $@"(?:^|[^A-Za-z0-9_])(?<secret>(?:{alternatives})_[a-z][0-9A-Za-z]{{38}})(?:[^A-Za-z0-9_]|$)";
        var allowed = prefixes.ToHashSet(StringComparer.Ordinal);
        return new SecretRule
        {
            Id = Id,
            Description = "Strongroom access token",
            Confidence = Confidence.Certain,
            Remediation = "Revoke the token in Strongroom (Settings > Tokens, or `strongroom tokens revoke`), then remove it from the code.",
            Keywords = [.. prefixes.Select(p => p + "_")],
            Pattern = pattern,

            // The prefixes come from configuration, so the pattern cannot be source-generated; its one
            // fixed-count class after a literal cannot backtrack, and the interpreter builds in microseconds.
            Matcher = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture),
            MaxLength = 8 + 2 + 38,
            Validate = token => allowed.Contains(token[..token.IndexOf('_')]) && TokenChecksum.IsValidToken(token),
            TruePositives =
            [
                "STRONGROOM_TOKEN=sr_pKy9Pf34qY6Nb3wWD25RQ4F5ZR3qa7yEe42ND78",
                "curl -H 'Authorization: Bearer sr_ceby3abP3E2Zs8IQ9Y7aJZqhB6baeCN6Z0HyAz4'",
                "workload: sr_wj4a3dDVhYRnKTbxTNJFoBinF5aJXVuLk020kqJ",
                "runner = \"sr_rSIc47WQAmL9xVQ2zg4mZaouqKLiMcVbp1cwse3\"",
            ],
            FalsePositives =
            [
                "sr_pKy9Pf34qY6Nb3wWD25RQ4F5ZR3qa7yEe42ND79",
                "sr_pKy9Pf34qY6Nb3wWD25RQ4F5ZR3qa7yEe42ND7",
                "usr_pKy9Pf34qY6Nb3wWD25RQ4F5ZR3qa7yEe42ND78",
                "sr_PKy9Pf34qY6Nb3wWD25RQ4F5ZR3qa7yEe42ND78",
                "sr_Pxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ],
        };
    }
}
