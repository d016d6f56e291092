namespace Strongroom.Server.Tests.Architecture;

/// <summary>
/// Source lines stay at most 180 characters wide, so a reviewer can read them without scrolling sideways.
/// EF Core migrations are generated, not written by hand, and are excluded, as are build outputs.
/// </summary>
public sealed class LineWidthTests
{
    private const int MaxWidth = 180;

    private static readonly string[] SkippedFolders = ["Migrations", "obj", "bin"];

    [Fact]
    public void SourceLines_AreAtMost180CharactersWide()
    {
        var root = RepositoryRoot();
        var tooLong = new List<string>();

        foreach (var folder in new[] { "src", "bench" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Split('/').Any(part => SkippedFolders.Contains(part)))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Length > MaxWidth)
                    {
                        tooLong.Add($"{relative}:{i + 1} ({lines[i].Length})");
                    }
                }
            }
        }

        Assert.True(tooLong.Count == 0, $"{tooLong.Count} lines over {MaxWidth} characters:\n{string.Join('\n', tooLong)}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Strongroom.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Strongroom.slnx not found above the test binaries");
    }
}
