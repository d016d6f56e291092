namespace Strongroom.Git.Process;

/// <summary>git failed, or is missing; the message carries what git said.</summary>
public sealed class GitException : Exception
{
    public GitException()
    {
    }

    public GitException(string message) : base(message)
    {
    }

    public GitException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
