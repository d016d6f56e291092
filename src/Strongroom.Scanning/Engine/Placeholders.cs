namespace Strongroom.Scanning.Engine;

/// <summary>
/// Recognises values that have the shape of a secret but are obviously not one: documentation examples,
/// template markers, masked values, runs of one character and counting sequences.
/// </summary>
internal static class Placeholders
{
    private static readonly string[] Markers =
    [
        "xxxx", "****", "....", "<", ">", "{{", "${", "$(", "%(", "your", "example", "sample", "dummy",
        "placeholder", "redacted", "changeme", "change_me", "insert", "replace", "fake", "notreal",
        "0123456789", "123456789", "abcdefghij", "abcdefg", "1234abcd", "qwerty",
    ];

    // One pass for all markers: a Contains per marker, ignoring case, was 3% of a scan of the
    // real-repositories corpus (every keyword hit whose pattern matches is checked).
    private static readonly System.Buffers.SearchValues<string> MarkerValues =
        System.Buffers.SearchValues.Create(Markers, StringComparison.OrdinalIgnoreCase);

    // Keys published in vendors' documentation; finding them is noise.
    private static readonly HashSet<string> DocumentedExamples = new(StringComparer.Ordinal)
    {
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
        "pk_test_TYooMQauvdEDq54NiTphI7jx",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "shpss_QlRSJy5AXX1cILNjVatTsEIhFxuPF5ex",
        "shpat_r8TRc9ZXAvcVvcrmtr7qoVw69WeeY1ex",
        "shpca_7jqbg9cupMkZRxJKXWz3v8BvS8QBa7hMdJfAex",
        "shppa_7jqbg9cupMkZRxJKXWz3v8BvS8QBa7hMdJfAex",
    };

    /// <summary>Whether <paramref name="secret"/> is a placeholder rather than a credential.</summary>
    public static bool IsPlaceholder(string secret, bool allowRepeats = false)
    {
        if (DocumentedExamples.Contains(secret))
        {
            return true;
        }

        if (secret.AsSpan().ContainsAny(MarkerValues))
        {
            return true;
        }

        return (!allowRepeats && HasLongRun(secret)) || HasFewDistinct(secret);
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double entropy = 0;
        double length = value.Length;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = other / length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    private static bool HasLongRun(string secret)
    {
        var run = 1;
        for (var i = 1; i < secret.Length; i++)
        {
            run = secret[i] == secret[i - 1] ? run + 1 : 1;
            if (run >= 6)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasFewDistinct(string secret)
    {
        if (secret.Length < 16)
        {
            return false;
        }

        Span<bool> seen = stackalloc bool[128];
        var distinct = 0;
        foreach (var c in secret)
        {
            if (c < 128 && !seen[c])
            {
                seen[c] = true;
                distinct++;
            }
        }

        return distinct <= 5;
    }
}
