namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>
/// Git's glob matcher (<c>wildmatch.c</c>), ported so that ignore patterns mean exactly what they mean
/// to git: <c>*</c>, <c>?</c>, <c>[...]</c> with <c>!</c>/<c>^</c>, ranges and <c>[:class:]</c>,
/// backslash escapes, and in pathname mode <c>*</c> stopping at <c>/</c> while a
/// <c>**</c> between slashes crosses directories. Case-sensitive, as git is on Linux.
/// </summary>
internal static class Wildmatch
{
    private const int Match = 0;
    private const int NoMatch = 1;
    private const int AbortAll = -1;
    private const int AbortToStarStar = -2;

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> in full.</summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool pathname) =>
        DoWild(pattern, 0, text, 0, pathname) == Match;

    // The C original walks NUL-terminated strings; At() returns the NUL past either end.
    private static char At(ReadOnlySpan<char> s, int i) => i < s.Length ? s[i] : '\0';

    private static bool IsGlobSpecial(char c) => c is '*' or '?' or '[' or '\\';

    private static int DoWild(ReadOnlySpan<char> pattern, int p, ReadOnlySpan<char> text, int t, bool pathname)
    {
        for (; p < pattern.Length; t++, p++)
        {
            var pc = pattern[p];
            var tc = At(text, t);
            if (tc == '\0' && pc != '*')
            {
                return AbortAll;
            }

            switch (pc)
            {
                case '\\':
                    // A literal next character; a trailing backslash matches nothing.
                    pc = At(pattern, ++p);
                    if (tc != pc)
                    {
                        return NoMatch;
                    }

                    continue;
                case '?':
                    if (pathname && tc == '/')
                    {
                        return NoMatch;
                    }

                    continue;
                case '*':
                    {
                        bool matchSlash;
                        if (At(pattern, ++p) == '*')
                        {
                            var previous = p - 2;
                            while (At(pattern, ++p) == '*')
                            {
                            }

                            if ((previous < 0 || pattern[previous] == '/')
                                && (At(pattern, p) == '\0' || At(pattern, p) == '/' || (At(pattern, p) == '\\' && At(pattern, p + 1) == '/')))
                            {
                                // "**/" may match no directory at all: foo/**/bar matches foo/bar.
                                if (At(pattern, p) == '/' && DoWild(pattern, p + 1, text, t, pathname) == Match)
                                {
                                    return Match;
                                }

                                matchSlash = true;
                            }
                            else
                            {
                                matchSlash = false;
                            }
                        }
                        else
                        {
                            matchSlash = !pathname;
                        }

                        if (p >= pattern.Length)
                        {
                            // A trailing "**" matches everything, a trailing "*" only within one segment.
                            return !matchSlash && text[t..].Contains('/') ? NoMatch : Match;
                        }

                        if (!matchSlash && pattern[p] == '/')
                        {
                            // One star then a slash: skip to the next slash, which the loop consumes.
                            var slash = text[t..].IndexOf('/');
                            if (slash < 0)
                            {
                                return NoMatch;
                            }

                            t += slash;
                            continue;
                        }

                        while (true)
                        {
                            if (tc == '\0')
                            {
                                break;
                            }

                            if (!IsGlobSpecial(pattern[p]))
                            {
                                // Jump to the next occurrence of the literal that follows the star.
                                var literal = pattern[p];
                                while ((tc = At(text, t)) != '\0' && (matchSlash || tc != '/'))
                                {
                                    if (tc == literal)
                                    {
                                        break;
                                    }

                                    t++;
                                }

                                if (tc != literal)
                                {
                                    return NoMatch;
                                }
                            }

                            var matched = DoWild(pattern, p, text, t, pathname);
                            if (matched != NoMatch)
                            {
                                if (!matchSlash || matched != AbortToStarStar)
                                {
                                    return matched;
                                }
                            }
                            else if (!matchSlash && tc == '/')
                            {
                                return AbortToStarStar;
                            }

                            tc = At(text, ++t);
                        }

                        return AbortAll;
                    }

                case '[':
                    {
                        if (!MatchClass(pattern, ref p, tc, out var classResult))
                        {
                            return AbortAll;
                        }

                        if (!classResult || (pathname && tc == '/'))
                        {
                            return NoMatch;
                        }

                        continue;
                    }

                default:
                    if (tc != pc)
                    {
                        return NoMatch;
                    }

                    continue;
            }
        }

        return t < text.Length ? NoMatch : Match;
    }

    // Evaluates the bracket expression at pattern[p] ('[') against tc, leaving p on its ']'.
    // Returns false for a malformed expression (git then aborts the whole match).
    private static bool MatchClass(ReadOnlySpan<char> pattern, ref int p, char tc, out bool result)
    {
        result = false;
        var pc = At(pattern, ++p);
        if (pc == '^')
        {
            pc = '!';
        }

        var negated = pc == '!';
        if (negated)
        {
            pc = At(pattern, ++p);
        }

        var previous = '\0';
        var matched = false;
        do
        {
            if (pc == '\0')
            {
                return false;
            }

            if (pc == '\\')
            {
                pc = At(pattern, ++p);
                if (pc == '\0')
                {
                    return false;
                }

                matched |= tc == pc;
            }
            else if (pc == '-' && previous != '\0' && At(pattern, p + 1) != '\0' && At(pattern, p + 1) != ']')
            {
                pc = At(pattern, ++p);
                if (pc == '\\')
                {
                    pc = At(pattern, ++p);
                    if (pc == '\0')
                    {
                        return false;
                    }
                }

                matched |= tc <= pc && tc >= previous;
                pc = '\0'; // so that previous becomes NUL: "a-c-e" is a range then '-' and 'e'
            }
            else if (pc == '[' && At(pattern, p + 1) == ':')
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
                    // No ":]": an ordinary '[' in the set.
                    p = start - 2;
                    pc = '[';
                    matched |= tc == pc;
                }
                else
                {
                    bool? inClass = ClassContains(pattern.Slice(start, length), tc);
                    if (inClass is null)
                    {
                        return false;
                    }

                    matched |= inClass.Value;
                    pc = '\0';
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

        result = matched != negated;
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
