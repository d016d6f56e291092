namespace Strongroom.Scanning.Sources;

/// <summary>Which files of a directory tree are scanned.</summary>
public sealed record FileSelection
{
    /// <summary>The default: git's view in a work tree, the ignore files elsewhere.</summary>
    public static readonly FileSelection Default = new();

    /// <summary>Scan every file: no ignore file, no git listing (<c>.git</c> itself is still skipped).</summary>
    public bool NoIgnore { get; init; }

    /// <summary>Extra patterns in gitignore syntax, relative to the scanned directory, that exclude paths.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>When not empty, only files matching one of these gitignore-syntax patterns (or inside a matching directory) are scanned.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Ask git which files a work tree holds (tracked files are scanned even when an ignore pattern matches them).</summary>
    public bool UseGit { get; init; } = true;
}
