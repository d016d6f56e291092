namespace Strongroom.Scanning.Sources;

/// <summary>A git command failed (not a repository, bad revision, git missing).</summary>
public sealed class GitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
