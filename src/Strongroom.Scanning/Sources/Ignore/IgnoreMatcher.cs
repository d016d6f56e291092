namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>
/// One ignore file compiled once: literal names, extensions and literal paths go into hash tables,
/// prefix and suffix globs into short lists, the rest is matched with git's wildmatch. The cost per
/// path stays flat as the common shapes grow in number; the answer is git's (last matching pattern
/// wins, negation, anchoring, <c>**</c>, directory-only patterns).
/// </summary>
public sealed class IgnoreMatcher
{
    // Pattern indexes per key, highest first: the highest index that matches is the last matching line.
    private readonly Dictionary<string, IgnorePattern[]> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IgnorePattern[]> _extensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IgnorePattern[]> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IgnorePattern[]>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly Dictionary<string, IgnorePattern[]>.AlternateLookup<ReadOnlySpan<char>> _extensionLookup;
    private readonly Dictionary<string, IgnorePattern[]>.AlternateLookup<ReadOnlySpan<char>> _pathLookup;
    private readonly CharBuckets _suffixes;
    private readonly CharBuckets _nameGlobs;
    private readonly CharBuckets _pathGlobs;

    /// <summary>Compiles the lines of one ignore file.</summary>
    public IgnoreMatcher(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var shapes = new PatternShapes();
        var index = 0;
        foreach (var line in lines)
        {
            var pattern = IgnorePattern.Parse(index == 0 ? line.TrimStart('\uFEFF') : line, index);
            index++;
            if (pattern is not null)
            {
                PatternCount++;
                shapes.Add(pattern);
            }
        }

        Fill(_names, shapes.Names);
        Fill(_extensions, shapes.Extensions);
        Fill(_paths, shapes.Paths);
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _extensionLookup = _extensions.GetAlternateLookup<ReadOnlySpan<char>>();
        _pathLookup = _paths.GetAlternateLookup<ReadOnlySpan<char>>();
        // Suffixes by their last character, globs by their first: a name is tried only against those.
        _suffixes = new CharBuckets(shapes.Suffixes.Select(s => (new IgnoreCandidate(s.Item2, s.Item1), s.Item1.Length == 0 ? null : (IReadOnlyCollection<char>?)[s.Item1[^1]])));
        _nameGlobs = new CharBuckets(shapes.Globs.Where(g => g.NameOnly).Select(g => (new IgnoreCandidate(g, ""), CharBuckets.FirstCharacters(g.Glob))));
        _pathGlobs = new CharBuckets(shapes.Globs.Where(g => !g.NameOnly).Select(g => (new IgnoreCandidate(g, ""), CharBuckets.FirstCharacters(g.Glob))));
    }

    /// <summary>Patterns (lines that are not blank or comments).</summary>
    public int PatternCount { get; }

    /// <summary>Reads and compiles an ignore file.</summary>
    public static IgnoreMatcher FromFile(string path) => new(File.ReadLines(path));

    /// <summary>
    /// What this file says about <paramref name="relativePath"/> ('/'-separated, relative to the ignore
    /// file's directory; its last segment is the name).
    /// </summary>
    public IgnoreDecision Match(ReadOnlySpan<char> relativePath, bool isDirectory)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        var best = -1;
        IgnorePattern? winner = null;
        Consider(_nameLookup, name, isDirectory, ref best, ref winner);
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            Consider(_extensionLookup, name[dot..], isDirectory, ref best, ref winner);
        }

        Consider(_pathLookup, relativePath, isDirectory, ref best, ref winner);
        if (name.Length > 0)
        {
            Suffixes(_suffixes.For(name[^1]), name, isDirectory, ref best, ref winner);
            Suffixes(_suffixes.Any, name, isDirectory, ref best, ref winner);
            Globs(_nameGlobs.For(name[0]), relativePath, name, isDirectory, ref best, ref winner);
            Globs(_nameGlobs.Any, relativePath, name, isDirectory, ref best, ref winner);
        }

        if (relativePath.Length > 0)
        {
            Globs(_pathGlobs.For(relativePath[0]), relativePath, name, isDirectory, ref best, ref winner);
            Globs(_pathGlobs.Any, relativePath, name, isDirectory, ref best, ref winner);
        }

        return winner is null ? IgnoreDecision.None : winner.Negated ? IgnoreDecision.Include : IgnoreDecision.Ignore;
    }

    private static void Suffixes(IgnoreCandidate[] candidates, ReadOnlySpan<char> name, bool isDirectory, ref int best, ref IgnorePattern? winner)
    {
        foreach (var (pattern, suffix) in candidates)
        {
            if (pattern.Index <= best)
            {
                return;
            }

            if ((isDirectory || !pattern.DirectoryOnly) && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                (best, winner) = (pattern.Index, pattern);
                return;
            }
        }
    }

    private static void Globs(
        IgnoreCandidate[] candidates, ReadOnlySpan<char> relativePath, ReadOnlySpan<char> name, bool isDirectory, ref int best, ref IgnorePattern? winner)
    {
        foreach (var (pattern, _) in candidates)
        {
            if (pattern.Index <= best)
            {
                return;
            }

            if ((isDirectory || !pattern.DirectoryOnly) && GlobMatches(pattern, relativePath, name))
            {
                (best, winner) = (pattern.Index, pattern);
                return;
            }
        }
    }

    private static bool GlobMatches(IgnorePattern pattern, ReadOnlySpan<char> relativePath, ReadOnlySpan<char> name)
    {
        var literal = pattern.RequiredLiteral;
        if (pattern.NameOnly)
        {
            return (literal.Length == 0 || name.Contains(literal, StringComparison.Ordinal)) && Wildmatch.IsMatch(pattern.Glob, name, pathname: false);
        }

        if (literal.Length > 0 && !relativePath.Contains(literal, StringComparison.Ordinal))
        {
            return false;
        }

        // As git's match_pathname: the literal head first, then wildmatch on the rest.
        var prefix = pattern.LiteralPrefixLength;
        var glob = pattern.Glob.AsSpan();
        if (prefix > relativePath.Length || !relativePath.StartsWith(glob[..prefix], StringComparison.Ordinal))
        {
            return false;
        }

        return Wildmatch.IsMatch(glob[prefix..], relativePath[prefix..], pathname: true);
    }

    private static void Consider(
        Dictionary<string, IgnorePattern[]>.AlternateLookup<ReadOnlySpan<char>> lookup,
        ReadOnlySpan<char> key,
        bool isDirectory,
        ref int best,
        ref IgnorePattern? winner)
    {
        if (!lookup.TryGetValue(key, out var patterns))
        {
            return;
        }

        foreach (var pattern in patterns)
        {
            if (pattern.Index <= best)
            {
                return;
            }

            if (isDirectory || !pattern.DirectoryOnly)
            {
                (best, winner) = (pattern.Index, pattern);
                return;
            }
        }
    }

    private static void Fill(Dictionary<string, IgnorePattern[]> table, List<(string Key, IgnorePattern Pattern)> entries)
    {
        foreach (var group in entries.GroupBy(e => e.Key, StringComparer.Ordinal))
        {
            table[group.Key] = [.. group.Select(e => e.Pattern).Distinct().OrderByDescending(p => p.Index)];
        }
    }

    /// <summary>
    /// The patterns sorted by shape: literal names (and name globs that expand to a few literals),
    /// extensions ("*.ext"), other suffixes ("*tail"), literal paths, and the globs left for wildmatch.
    /// </summary>
    private sealed class PatternShapes
    {
        public List<(string, IgnorePattern)> Names { get; } = [];

        public List<(string, IgnorePattern)> Extensions { get; } = [];

        public List<(string, IgnorePattern)> Paths { get; } = [];

        public List<(string, IgnorePattern)> Suffixes { get; } = [];

        public List<IgnorePattern> Globs { get; } = [];

        public void Add(IgnorePattern pattern)
        {
            if (!pattern.NameOnly)
            {
                if (pattern.IsLiteral)
                {
                    Paths.Add((pattern.Glob, pattern));
                }
                else
                {
                    Globs.Add(pattern);
                }

                return;
            }

            var literals = pattern.IsLiteral ? [pattern.Glob] : LiteralExpansion.Expand(pattern.Glob);
            if (literals is null)
            {
                Globs.Add(pattern);
                return;
            }

            foreach (var literal in literals)
            {
                if (!literal.StartsWith('*'))
                {
                    Names.Add((literal, pattern));
                }
                else if (literal.LastIndexOf('.') == 1)
                {
                    Extensions.Add((literal[1..], pattern));
                }
                else
                {
                    Suffixes.Add((literal[1..], pattern));
                }
            }
        }
    }
}
