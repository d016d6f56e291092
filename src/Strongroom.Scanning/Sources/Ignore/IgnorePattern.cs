namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>
/// One line of an ignore file, parsed as git's <c>parse_path_pattern</c> does: <c>!</c> negates, a
/// trailing <c>/</c> matches directories only, a pattern without any other <c>/</c> matches the name
/// at any depth, one with a <c>/</c> matches the path relative to the ignore file's directory.
/// </summary>
internal sealed record IgnorePattern(string Glob, int Index, bool Negated, bool DirectoryOnly, bool NameOnly)
{
    /// <summary>Parses one line; null for blank lines and comments.</summary>
    public static IgnorePattern? Parse(string line, int index)
    {
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        var text = TrimTrailingSpaces(line.TrimEnd('\r'));
        var negated = text.StartsWith('!');
        if (negated)
        {
            text = text[1..];
        }

        var directoryOnly = text.EndsWith('/');
        if (directoryOnly)
        {
            text = text[..^1];
        }

        if (text.Length == 0)
        {
            return null;
        }

        var nameOnly = !text.Contains('/');
        if (!nameOnly)
        {
            // Anchored: a leading slash only says so; the glob is relative to the base directory.
            text = text.StartsWith('/') ? text[1..] : text;

            // "**/name" is "name" at any depth: the cheaper name match does the same.
            if (text.StartsWith("**/", StringComparison.Ordinal) && text.Length > 3 && !text.AsSpan(3).Contains('/') && !text.AsSpan(3).StartsWith("**"))
            {
                text = text[3..];
                nameOnly = true;
            }
        }

        return new IgnorePattern(text, index, negated, directoryOnly, nameOnly);
    }

    /// <summary>Length of the glob's leading run without wildcard or escape characters.</summary>
    public int LiteralPrefixLength { get; } = Glob.AsSpan().IndexOfAny(GlobCharacters) is var i and >= 0 ? i : Glob.Length;

    /// <summary>
    /// The longest run of plain characters in the glob, which any match must contain (empty when none
    /// has two or more): a cheap vectorized test that spares most calls to wildmatch.
    /// </summary>
    public string RequiredLiteral { get; } = LongestLiteral(Glob);

    /// <summary>True when the glob has no wildcard or escape at all.</summary>
    public bool IsLiteral => LiteralPrefixLength == Glob.Length;

    private static readonly System.Buffers.SearchValues<char> GlobCharacters = System.Buffers.SearchValues.Create("*?[\\");

    private static string LongestLiteral(string glob)
    {
        var (bestStart, bestLength, start) = (0, 0, 0);
        for (var i = 0; i <= glob.Length; i++)
        {
            if (i < glob.Length && glob[i] is not ('*' or '?' or '[' or '\\'))
            {
                continue;
            }

            // A slash next to "**" may match nothing ("**/x" matches "x"): runs are kept without edge slashes.
            var run = glob.AsSpan(start, i - start).Trim('/');
            if (run.Length > bestLength)
            {
                (bestStart, bestLength) = (start + (glob.AsSpan(start, i - start).Length - glob.AsSpan(start, i - start).TrimStart('/').Length), run.Length);
            }

            if (i < glob.Length && glob[i] == '[')
            {
                i = SetEnd(glob, i);
            }
            else if (i < glob.Length && glob[i] == '\\')
            {
                i++;
            }

            start = i + 1;
        }

        return bestLength >= 2 ? glob.Substring(bestStart, bestLength) : "";
    }

    // The ']' that closes the set opening at glob[open], as wildmatch reads it (a first member may be
    // ']', "[:alpha:]" classes and escapes hold their own), or the glob's end if it never closes.
    private static int SetEnd(string glob, int open)
    {
        var i = open + 1;
        if (i < glob.Length && glob[i] is '!' or '^')
        {
            i++;
        }

        for (var first = true; i < glob.Length; i++, first = false)
        {
            if (glob[i] == '\\')
            {
                i++;
            }
            else if (glob[i] == '[' && i + 1 < glob.Length && glob[i + 1] == ':')
            {
                var close = glob.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (close >= 0)
                {
                    i = close + 1;
                }
            }
            else if (glob[i] == ']' && !first)
            {
                return i;
            }
        }

        return glob.Length;
    }

    // Git drops trailing spaces unless the last is escaped with a backslash (tabs stay).
    private static string TrimTrailingSpaces(string text)
    {
        var lastSpace = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case ' ':
                    if (lastSpace < 0)
                    {
                        lastSpace = i;
                    }

                    break;
                case '\\':
                    i++;
                    if (i >= text.Length)
                    {
                        return text;
                    }

                    lastSpace = -1;
                    break;
                default:
                    lastSpace = -1;
                    break;
            }
        }

        return lastSpace < 0 ? text : text[..lastSpace];
    }
}
