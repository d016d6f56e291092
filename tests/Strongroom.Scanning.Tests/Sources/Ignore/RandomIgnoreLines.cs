using System.Text;

namespace Strongroom.Scanning.Tests.Sources.Ignore;

/// <summary>
/// Random ignore-file lines for <see cref="IgnoreMatcherAgainstCheckIgnoreTests"/>: patterns composed
/// from random segments, and paths of the tree with characters or runs replaced by wildcards or sets.
/// </summary>
internal static class RandomIgnoreLines
{
    /// <summary>File and directory names of the random trees, and the stuff of random patterns.</summary>
    public static readonly string[] Names =
    [
        "a", "ab", "abc", "foo", "bar.txt", "baz.TXT", "x.log", "app.cs", ".env", "Debug", "debug", "build",
        "node_modules", "x.d", "a b", "#hash", "!bang", "foo.tar.gz", "Ab", "1.txt", "z",
    ];

    /// <summary><paramref name="count"/> random ignore lines, half of them made from <paramref name="paths"/>.</summary>
    public static string Lines(Random random, int count, List<string> paths)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(random.Next(2) == 0 ? Pattern(random) : FromPath(random, paths)).Append(random.Next(12) == 0 ? "\r\n" : "\n");
        }

        return text.ToString();
    }

    private static string Pattern(Random random)
    {
        var pattern = new StringBuilder();
        if (random.Next(4) == 0)
        {
            pattern.Append('!');
        }

        switch (random.Next(6))
        {
            case 0:
                pattern.Append('/');
                break;
            case 1:
                pattern.Append("**/");
                break;
        }

        var segments = random.Next(5) switch { 0 or 1 => 2, 2 => 3, _ => 1 };
        for (var i = 0; i < segments; i++)
        {
            pattern.Append(i == 0 ? "" : "/").Append(Segment(random));
        }

        switch (random.Next(8))
        {
            case 0 or 1:
                pattern.Append('/');
                break;
            case 2:
                pattern.Append("/**");
                break;
            case 3:
                pattern.Append(random.Next(2) == 0 ? " " : "\\ ");
                break;
            case 4 when random.Next(3) == 0:
                pattern.Append('\\');
                break;
        }

        return pattern.ToString();
    }

    // A path of the tree, or its tail from some segment on, with up to three characters or runs
    // replaced by wildcards or broken sets (a '/' among them: '?' and '*' must not match it, "**" may).
    private static string FromPath(Random random, List<string> paths)
    {
        var segments = paths[random.Next(paths.Count)].Split('/');
        var text = string.Join('/', segments[random.Next(segments.Length)..]);
        for (var i = random.Next(4); i > 0; i--)
        {
            var at = random.Next(text.Length);
            var c = text[at];
            var end = Math.Min(text.Length, at + 1 + random.Next(4));
            text = random.Next(10) switch
            {
                7 => text[..at] + "[]" + c + "]" + text[(at + 1)..],
                8 => text[..at] + "[" + text[at..],
                9 => text[..at] + "[" + c + "-]" + text[(at + 1)..],
                0 => text[..at] + "?" + text[(at + 1)..],
                1 => text[..at] + "*" + text[end..],
                2 => text[..at] + "**" + text[end..],
                3 => text[..at] + "[" + c + "x]" + text[(at + 1)..],
                4 => text[..at] + "[!" + c + "]" + text[(at + 1)..],
                5 when c != '/' => text[..at] + "\\" + c + text[(at + 1)..],
                _ => text[..at] + "[.-z]" + text[(at + 1)..],
            };
        }

        var negation = random.Next(4) == 0 ? "!" : "";
        var anchor = random.Next(3) == 0 ? "/" : "";
        var directoryOnly = random.Next(4) == 0 ? "/" : "";
        return negation + anchor + text + directoryOnly;
    }

    private static string Segment(Random random)
    {
        var name = Names[random.Next(Names.Length)];
        var at = random.Next(name.Length);
        var c = name[at];
        return random.Next(12) switch
        {
            0 => "*",
            1 => "**",
            2 => name[..at] + "?" + name[(at + 1)..],
            3 => "*" + name[at..],
            4 => name[..at] + "*",
            5 => name[..at] + "[" + char.ToUpperInvariant(c) + char.ToLowerInvariant(c) + "]" + name[(at + 1)..],
            6 => name[..at] + (char.IsAsciiLetterLower(c) ? "[a-z]" : char.IsAsciiDigit(c) ? "[0-9]" : "[!q]") + name[(at + 1)..],
            7 => name[..at] + "[!" + c + "]" + name[(at + 1)..],
            8 => name[..at] + (char.IsAsciiLetter(c) ? "[[:alpha:]]" : "[[:punct:]]") + name[(at + 1)..],
            9 => name[..at] + "\\" + c + name[(at + 1)..],
            10 => name[..at] + "*" + name[(at + 1)..],
            _ => name,
        };
    }
}
