namespace Strongroom.Server.Hosting;

/// <summary>The data directory cannot be created or made private (a file in its path, no permission, a read-only disk).</summary>
public sealed class DataDirectoryException(string path, Exception inner)
    : IOException($"The data directory {path} cannot be created or used: {inner.Message}", inner)
{
    public string Path { get; } = path;
}
