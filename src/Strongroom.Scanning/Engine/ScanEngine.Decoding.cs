using System.Buffers.Text;
using System.Text;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Engine;

/// <summary>
/// Base64-encoded secrets (Kubernetes Secret <c>data:</c>, Docker <c>config.json</c> <c>auth</c>,
/// deployment tools' <c>.env</c> files), found without decoding everything: the keyword filter also
/// holds each keyword as base64 at its three alignments, so only a value whose decoding would contain
/// a keyword is decoded, and its bytes go through the same filter and rules (to a depth of
/// <see cref="ScanOptions.MaxDecodeDepth"/>).
/// </summary>
public sealed partial class ScanEngine
{
    private const int MaxEncodedLength = 16 * 1024;
    private const int MinEncodedLength = 12;

    // Three characters: "sr_" or "hf_" after a user name ("user:token") leaves only three that are
    // the keyword's own. A hit decodes one value at most once, so a stray hit in a long base64 blob
    // costs one bounded decode.
    private const int MinEncodedKeyword = 4;

    // Keywords whose base64 forms the filter looks for: distinctive prefixes of credentials that
    // deployment files hold encoded (Secrets, Docker auth, TLS keys), besides our tokens. Not every
    // keyword: each form is one more keyword for the filter, whose bucket building grows with the cube
    // of their number (all 202 at two depths took 90 s to build) and whose selectivity falls.
    private static readonly HashSet<string> DecodedKeywords =
    [
        "hf_", "api_org_", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "sk-proj-", "sk-ant-api03-",
        "sk-svcacct-", "AKIA", "xoxb-", "xoxp-", "npm_", "pypi-AgEIcHlwaS5vcmc", "dckr_pat_", "sk_live_", "rk_live_",
        "-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----", "postgres://", "postgresql://", "mongodb+srv://",
    ];

    // Decoded twice (a Docker config's auth inside a Secret's .dockerconfigjson): our tokens and Hugging Face's.
    private static readonly HashSet<string> DecodedTwiceKeywords = ["hf_", "api_org_"];

    private static IEnumerable<string> EncodedKeywords(SecretRule[] rules, int depth)
    {
        if (depth == 0)
        {
            return [];
        }

        var once = new HashSet<string>(StringComparer.Ordinal);
        var twice = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var ours = rule.Id == StrongroomTokenRule.Id;
            foreach (var keyword in rule.Keywords.Where(k => ours || DecodedKeywords.Contains(k)))
            {
                var forms = EncodedForms(keyword).ToList();
                once.UnionWith(forms);
                if (depth >= 2 && (ours || DecodedTwiceKeywords.Contains(keyword)))
                {
                    twice.UnionWith(forms.Where(f => f.Length >= 4).SelectMany(EncodedForms));
                }
            }
        }

        return once.Union(twice);
    }

    /// <summary>
    /// The base64 forms of <paramref name="keyword"/> that any encoding of a text containing it holds,
    /// one per alignment (the keyword starting at a byte offset of 0, 1 or 2 modulo 3): the characters
    /// that depend only on the keyword's own bytes.
    /// </summary>
    internal static IEnumerable<string> EncodedForms(string keyword)
    {
        var bytes = Encoding.ASCII.GetBytes(keyword);
        for (var alignment = 0; alignment < 3; alignment++)
        {
            var padded = new byte[alignment + bytes.Length];
            bytes.CopyTo(padded, alignment);
            var encoded = Convert.ToBase64String(padded).TrimEnd('=');

            // The first characters mix in the unknown bytes before the keyword (none, 2 or 3 of
            // them), and a partial last group the unknown byte after it.
            var skip = alignment switch { 0 => 0, 1 => 2, _ => 3 };
            var drop = padded.Length % 3 == 0 ? 0 : 1;
            if (encoded.Length - skip - drop >= MinEncodedKeyword)
            {
                yield return encoded[skip..^drop];
            }
        }
    }

    private static bool IsBase64(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'/';

    // A keyword's encoded form hit at `hit`: decode the base64 run around it, once, and scan the bytes.
    private void Decode(ReadOnlySpan<byte> text, int hit, StreamState state, List<Candidate> candidates, char[] window, int depth)
    {
        if (depth >= _maxDecodeDepth || hit < state.DecodedEnd)
        {
            return;
        }

        var start = hit;
        var floor = Math.Max(0, hit - MaxEncodedLength);
        while (start > floor && IsBase64(text[start - 1]))
        {
            start--;
        }

        var end = hit;
        var ceiling = Math.Min(text.Length, start + MaxEncodedLength);
        while (end < ceiling && IsBase64(text[end]))
        {
            end++;
        }

        state.DecodedEnd = end;
        while (end < text.Length && end - start < MaxEncodedLength && text[end] == '=' && (end - start) % 4 != 0)
        {
            end++;
        }

        if (end - start < MinEncodedLength || IsAllowed(text, start))
        {
            return;
        }

        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(end - start)];
        Base64.DecodeFromUtf8(text[start..end], decoded, out _, out var written, isFinalBlock: true);
        var inner = decoded.AsSpan(0, written);
        if (inner.Contains((byte)0))
        {
            return; // binary, as a file with a NUL would be
        }

        var found = new List<Candidate>();
        FindCandidates(inner, 0, inner.Length, new StreamState(_rules.Length), found, window, depth + 1);

        // Reported where the encoded value starts; zero length, so several secrets in one value
        // (a Secret's data, a decoded .env) are all reported.
        foreach (var candidate in found)
        {
            candidates.Add(candidate with { Position = start, Length = 0, Decoded = true, MatchStart = start, MatchLength = 0 });
        }
    }
}
