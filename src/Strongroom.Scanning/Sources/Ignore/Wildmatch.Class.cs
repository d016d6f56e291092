namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>Bracket expressions (<c>[...]</c>) of <see cref="Wildmatch"/>, as in git's <c>wildmatch.c</c>.</summary>
internal static partial class Wildmatch
{
    // dowild()'s case '[': evaluates the bracket expression at pattern[p] against tc, leaving p on its
    // ']'. Returns KeepMatching or NoMatch, or AbortAll for a malformed expression (git then aborts
    // the whole match).
    private static int MatchClass(ReadOnlySpan<char> pattern, ref int p, char tc, bool pathname)
    {
        // "[!" and "[^" both negate.
        var negated = At(pattern, p + 1) is '!' or '^';
        if (negated)
        {
            p++;
        }

        var pc = At(pattern, ++p);
        var previous = '\0';
        var matched = false;
        do
        {
            if (pc == '\0')
            {
                return AbortAll;
            }

            if (pc == '\\')
            {
                pc = At(pattern, ++p);
                if (pc == '\0')
                {
                    return AbortAll;
                }

                matched |= tc == pc;
            }
            else if (pc == '-' && previous != '\0' && At(pattern, p + 1) != '\0' && At(pattern, p + 1) != ']')
            {
                if (!MatchRange(pattern, ref p, previous, tc, ref matched))
                {
                    return AbortAll;
                }

                pc = '\0'; // so that previous becomes NUL: "a-c-e" is a range then '-' and 'e'
            }
            else if (pc == '[' && At(pattern, p + 1) == ':')
            {
                if (!MatchNamedClass(pattern, ref p, ref pc, tc, ref matched))
                {
                    return AbortAll;
                }
            }
            else
            {
                matched |= tc == pc;
            }

            previous = pc;
            pc = At(pattern, ++p);
        }
        while (pc != ']');

        return matched != negated && !(pathname && tc == '/') ? KeepMatching : NoMatch;
    }

    // The range from previous to the character after pattern[p] ('-'), leaving p on its end.
    // Returns false for a malformed range (a trailing backslash).
    private static bool MatchRange(ReadOnlySpan<char> pattern, ref int p, char previous, char tc, ref bool matched)
    {
        var pc = At(pattern, ++p);
        if (pc == '\\')
        {
            pc = At(pattern, ++p);
            if (pc == '\0')
            {
                return false;
            }
        }

        matched |= tc <= pc && tc >= previous;
        return true;
    }

    // "[:name:]" at pattern[p], leaving p on its closing ']' and pc NUL (so no range starts after it).
    // Without the ":]" it is an ordinary '[' in the set, and p and pc stay on it. Returns false for an
    // unterminated set or an unknown class name.
    private static bool MatchNamedClass(ReadOnlySpan<char> pattern, ref int p, ref char pc, char tc, ref bool matched)
    {
        var start = p += 2;
        while ((pc = At(pattern, p)) != '\0' && pc != ']')
        {
            p++;
        }

        if (pc == '\0')
        {
            return false;
        }

        var length = p - start - 1;
        if (length < 0 || pattern[p - 1] != ':')
        {
            p = start - 2;
            pc = '[';
            matched |= tc == pc;
            return true;
        }

        bool? inClass = ClassContains(pattern.Slice(start, length), tc);
        if (inClass is null)
        {
            return false;
        }

        matched |= inClass.Value;
        pc = '\0';
        return true;
    }

    private static bool? ClassContains(ReadOnlySpan<char> name, char c) => name switch
    {
        "alnum" => char.IsAsciiLetterOrDigit(c),
        "alpha" => char.IsAsciiLetter(c),
        "blank" => c is ' ' or '\t',
        "cntrl" => c < 32 || c == 127,
        "digit" => char.IsAsciiDigit(c),
        "graph" => c > 32 && c < 127,
        "lower" => char.IsAsciiLetterLower(c),
        "print" => c >= 32 && c < 127,
        "punct" => c > 32 && c < 127 && !char.IsAsciiLetterOrDigit(c),
        "space" => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v',
        "upper" => char.IsAsciiLetterUpper(c),
        "xdigit" => char.IsAsciiHexDigit(c),
        _ => null,
    };
}
