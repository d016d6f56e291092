namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>
/// Git's glob matcher (<c>wildmatch.c</c>), ported so that ignore patterns mean exactly what they mean
/// to git: <c>*</c>, <c>?</c>, <c>[...]</c> with <c>!</c>/<c>^</c>, ranges and <c>[:class:]</c>,
/// backslash escapes, and in pathname mode <c>*</c> stopping at <c>/</c> while a
/// <c>**</c> between slashes crosses directories. Case-sensitive, as git is on Linux.
/// </summary>
internal static partial class Wildmatch
{
    private const int Match = 0;
    private const int NoMatch = 1;
    private const int AbortAll = -1;
    private const int AbortToStarStar = -2;

    // Not one of wildmatch.c's results: MatchStar's and MatchClass's "go on with the loop".
    private const int KeepMatching = 2;

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> in full.</summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool pathname) =>
        DoWild(pattern, 0, text, 0, pathname) == Match;

    // The C original walks NUL-terminated strings; At() returns the NUL past either end.
    private static char At(ReadOnlySpan<char> s, int i) => i < s.Length ? s[i] : '\0';

    private static bool IsGlobSpecial(char c) => c is '*' or '?' or '[' or '\\';

    // wildmatch.c's dowild(): the '*' case is MatchStar and its helpers below, the '[' case
    // MatchClass (Wildmatch.Class.cs); everything else follows the C line for line.
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
                    var star = MatchStar(pattern, ref p, text, ref t, pathname);
                    if (star != KeepMatching)
                    {
                        return star;
                    }

                    continue;
                case '[':
                    var bracket = MatchClass(pattern, ref p, tc, pathname);
                    if (bracket != KeepMatching)
                    {
                        return bracket;
                    }

                    continue;
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

    // dowild()'s case '*', with pattern[p] on the first star. Returns KeepMatching, with p and t moved,
    // where the C code continues its loop; any other value is dowild()'s result.
    private static int MatchStar(ReadOnlySpan<char> pattern, ref int p, ReadOnlySpan<char> text, ref int t, bool pathname)
    {
        bool matchSlash;
        if (At(pattern, ++p) == '*')
        {
            matchSlash = SkipStars(pattern, ref p);

            // "**/" may match no directory at all: foo/**/bar matches foo/bar.
            if (matchSlash && At(pattern, p) == '/' && DoWild(pattern, p + 1, text, t, pathname) == Match)
            {
                return Match;
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
            return KeepMatching;
        }

        return MatchAfterStar(pattern, p, text, t, matchSlash, pathname);
    }

    // With pattern[p] on the second of two or more stars: moves p past them and says whether they are
    // a "**" that crosses directories (a whole segment: after the start or a slash, before the end or
    // a slash). Otherwise they act as one star that stops at '/'.
    private static bool SkipStars(ReadOnlySpan<char> pattern, ref int p)
    {
        var previous = p - 2;
        while (At(pattern, ++p) == '*')
        {
        }

        return (previous < 0 || pattern[previous] == '/')
            && (At(pattern, p) == '\0' || At(pattern, p) == '/' || (At(pattern, p) == '\\' && At(pattern, p + 1) == '/'));
    }

    // The loop at the end of dowild()'s case '*': tries the rest of the pattern at every position the
    // star could stop at.
    private static int MatchAfterStar(ReadOnlySpan<char> pattern, int p, ReadOnlySpan<char> text, int t, bool matchSlash, bool pathname)
    {
        var tc = At(text, t);
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
}
