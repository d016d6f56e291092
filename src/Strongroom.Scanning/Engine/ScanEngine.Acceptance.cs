using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Engine;

/// <summary>
/// What makes a pattern's match a candidate finding: the left boundary before a keyword, the secret group,
/// the rule's entropy, placeholder, character-mix and checksum tests, and an allow marker on the line.
/// </summary>
public sealed partial class ScanEngine
{
    private static bool IsBlockedByPrevious(LeftBoundary boundary, byte previous) =>
        char.IsAsciiLetterOrDigit((char)previous) || previous == '_' || (previous == '-' && boundary == LeftBoundary.NotTokenCharacter);

    private static (int Start, int Length) Extract(SecretRule rule, ReadOnlySpan<char> match)
    {
        if (!rule.HasSecretGroup)
        {
            return (0, match.Length);
        }

        var found = rule.Regex.Match(new string(match));
        var group = rule.SecretGroupNumber > 0 ? found.Groups[rule.SecretGroupNumber] : found.Groups["secret"];
        return group.Success ? (group.Index, group.Length) : (0, 0);
    }

    private static bool Accept(SecretRule rule, string secret) =>
        (rule.MinEntropy <= 0 || Placeholders.Entropy(secret) >= rule.MinEntropy)
        && !Placeholders.IsPlaceholder(secret, rule.AllowRepeats)
        && (rule.Mix is null || rule.Mix.IsMetBy(RandomPart(rule, secret)))
        && (rule.Validate is null || rule.Validate(secret));

    // What follows the longest keyword the secret starts with: the issuer's prefix is not random.
    private static ReadOnlySpan<char> RandomPart(SecretRule rule, string secret)
    {
        var prefix = 0;
        foreach (var keyword in rule.Keywords)
        {
            if (keyword.Length > prefix && secret.StartsWith(keyword, StringComparison.Ordinal))
            {
                prefix = keyword.Length;
            }
        }

        return secret.AsSpan(prefix);
    }

    private static bool IsAllowed(ReadOnlySpan<byte> text, int position)
    {
        var before = text[Math.Max(0, position - LineContext)..position];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var after = text[position..Math.Min(text.Length, position + LineContext)];
        var lineEnd = after.IndexOf((byte)'\n');
        var line = text[(position - before.Length + lineStart)..(position + (lineEnd < 0 ? after.Length : lineEnd))];
        return line.IndexOf(AllowMarker) >= 0;
    }
}
