namespace Strongroom.Core.Kms;

/// <summary>
/// A key version cannot be used for the requested operation: it is unknown, retired, or (for
/// retirement) primary.
/// </summary>
public class KmsKeyStateException : KmsException
{
    /// <summary>Creates the exception.</summary>
    public KmsKeyStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KmsKeyStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public KmsKeyStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
