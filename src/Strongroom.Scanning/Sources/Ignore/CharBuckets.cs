namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>
/// Patterns that are not literals, filed by the character a match must start (or end) with, so a
/// path is only tried against the few patterns that can match it: a 400-line .gitignore holds a
/// hundred or more globs, and trying each against every entry was most of the cost of a long one.
/// Each list is highest line first; patterns whose character is not known are in <see cref="Any"/>.
/// </summary>
internal sealed class CharBuckets
{
    private static readonly System.Buffers.SearchValues<char> SetSyntax = System.Buffers.SearchValues.Create("[\\-!^:");

    private readonly IgnoreCandidate[][] _ascii = new IgnoreCandidate[128][];
    private readonly Dictionary<char, IgnoreCandidate[]> _other = [];

    public CharBuckets(IEnumerable<(IgnoreCandidate Candidate, IReadOnlyCollection<char>? Keys)> items)
    {
        var keyed = new Dictionary<char, List<IgnoreCandidate>>();
        var any = new List<IgnoreCandidate>();
        foreach (var (candidate, keys) in items)
        {
            if (keys is null)
            {
                any.Add(candidate);
                continue;
            }

            foreach (var key in keys)
            {
                if (!keyed.TryGetValue(key, out var list))
                {
                    keyed[key] = list = [];
                }

                list.Add(candidate);
            }
        }

        Array.Fill(_ascii, []);
        foreach (var (key, list) in keyed)
        {
            var sorted = list.OrderByDescending(c => c.Pattern.Index).ToArray();
            if (key < 128)
            {
                _ascii[key] = sorted;
            }
            else
            {
                _other[key] = sorted;
            }
        }

        Any = [.. any.OrderByDescending(c => c.Pattern.Index)];
    }

    /// <summary>Patterns that may match whatever the key character.</summary>
    public IgnoreCandidate[] Any { get; }

    /// <summary>Patterns filed under <paramref name="key"/>.</summary>
    public IgnoreCandidate[] For(char key) =>
        key < 128 ? _ascii[key] : _other.TryGetValue(key, out var list) ? list : [];

    /// <summary>
    /// The characters a glob's first character can be: a literal, an escaped character, or a plain
    /// set such as <c>[Dd]</c>; null when it can be anything (<c>*</c>, <c>?</c>, ranges, negation).
    /// </summary>
    public static IReadOnlyCollection<char>? FirstCharacters(string glob)
    {
        if (glob.Length == 0)
        {
            return null;
        }

        switch (glob[0])
        {
            case '*' or '?':
                return null;
            case '\\':
                return glob.Length > 1 ? [glob[1]] : null;
            case '[':
                var close = glob.IndexOf(']', 2);
                if (close < 0)
                {
                    return null;
                }

                var members = glob[1..close];
                return members.AsSpan().IndexOfAny(SetSyntax) >= 0 ? null : [.. members.Distinct()];
            default:
                return [glob[0]];
        }
    }
}
