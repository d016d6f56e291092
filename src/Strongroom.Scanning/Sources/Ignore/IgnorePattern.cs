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

    /// <summary>True when the glob has no wildcard or escape at all.</summary>
    public bool IsLiteral => LiteralPrefixLength == Glob.Length;

    private static readonly System.Buffers.SearchValues<char> GlobCharacters = System.Buffers.SearchValues.Create("*?[\\");

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
