using System.Text;

namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>
/// Turns a glob whose only wildcards are small character sets (<c>[Dd]ebug</c>, <c>*.[Cc]ache</c>,
/// common in .NET and IDE ignore files) into the literal strings it stands for, so those patterns go
/// into hash sets instead of being matched one by one.
/// </summary>
internal static class LiteralExpansion
{
    private const int MaxExpansions = 32;

    // Characters that make a set more than a list of characters (ranges, negation, classes, escapes),
    // and wildcards, which a set holds as plain characters but the expanded literal would not ("[**]b"
    // matches "*b" only, where a literal "*b" would be taken as a suffix match).
    private static readonly System.Buffers.SearchValues<char> SetSyntax = System.Buffers.SearchValues.Create("[]\\-!^:/*?");

    /// <summary>
    /// The literals <paramref name="glob"/> matches, or null when it has other wildcards (an optional
    /// leading <c>*</c> is left in place for the caller's suffix match).
    /// </summary>
    public static List<string>? Expand(string glob)
    {
        var start = glob.StartsWith('*') ? 1 : 0;
        var results = new List<StringBuilder> { new(glob[..start]) };
        for (var i = start; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c is '*' or '?' or '\\')
            {
                return null;
            }

            if (c != '[')
            {
                foreach (var result in results)
                {
                    result.Append(c);
                }

                continue;
            }

            var close = glob.IndexOf(']', i + 1);
            if (close <= i + 1)
            {
                return null;
            }

            var members = glob[(i + 1)..close].Distinct().ToArray();
            if (members.AsSpan().IndexOfAny(SetSyntax) >= 0 || results.Count * members.Length > MaxExpansions)
            {
                return null;
            }

            results = [.. results.SelectMany(prefix => members.Select(m => new StringBuilder(prefix.ToString()).Append(m)))];
            i = close;
        }

        return [.. results.Select(r => r.ToString())];
    }
}
