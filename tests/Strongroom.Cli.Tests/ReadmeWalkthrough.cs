namespace Strongroom.Cli.Tests;

/// <summary>The shell blocks (<c>```sh</c>) of chosen README sections, in order, as commands.</summary>
public static class ReadmeWalkthrough
{
    /// <summary>The sections a newcomer follows, top to bottom.</summary>
    public static readonly string[] Sections = ["## A first session", "## Space secrets and runners"];

    public static string ReadmePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var readme = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(Path.Combine(dir.FullName, "Strongroom.slnx")) && File.Exists(readme))
            {
                return readme;
            }
        }

        throw new FileNotFoundException("README.md next to Strongroom.slnx, above " + AppContext.BaseDirectory);
    }

    /// <summary>Every command of the <c>```sh</c> blocks under the given headings (each up to the next <c>## </c>).</summary>
    public static List<ReadmeCommand> Extract(string markdown, IEnumerable<string> headings)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var commands = new List<ReadmeCommand>();
        foreach (var heading in headings)
        {
            var start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
            if (start < 0)
            {
                throw new InvalidOperationException($"README.md has no section '{heading}'");
            }

            var inBlock = false;
            var pending = "";
            for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
            {
                var line = lines[i];
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    inBlock = !inBlock && line.Trim() == "```sh";
                    continue;
                }

                if (!inBlock || (pending.Length == 0 && (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))))
                {
                    continue;
                }

                if (line.EndsWith('\\'))
                {
                    pending += line[..^1].TrimEnd() + " ";
                    continue;
                }

                commands.Add(new ReadmeCommand(pending + line.Trim()));
                pending = "";
            }
        }

        return commands;
    }
}
