namespace Strongroom.Git.Writing;

/// <summary>One change a commit makes: a file added or replaced, a file deleted, or a folder deleted with all it holds.</summary>
public sealed record FileChange
{
    private FileChange(FileChangeKind kind, string path, ReadOnlyMemory<byte> content)
    {
        Kind = kind;
        Path = path;
        Content = content;
    }

    public FileChangeKind Kind { get; }

    /// <summary>A normalized path (see <see cref="RepoPath"/>).</summary>
    public string Path { get; }

    public ReadOnlyMemory<byte> Content { get; }

    public static FileChange Add(string path, ReadOnlyMemory<byte> content) => new(FileChangeKind.Add, path, content);

    public static FileChange DeleteFile(string path) => new(FileChangeKind.DeleteFile, path, default);

    public static FileChange DeleteFolder(string path) => new(FileChangeKind.DeleteFolder, path, default);
}
