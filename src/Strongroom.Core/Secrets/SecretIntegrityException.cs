namespace Strongroom.Core.Secrets;

/// <summary>
/// A sealed secret failed to open: its ciphertext or wrapped key was altered, or it is being opened
/// under another Space id, key name or version than it was sealed for. Never carries the value.
/// </summary>
public class SecretIntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretIntegrityException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SecretIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public SecretIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
