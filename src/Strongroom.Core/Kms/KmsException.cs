namespace Strongroom.Core.Kms;

/// <summary>A KMS operation failed. Messages never contain key material.</summary>
public class KmsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KmsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KmsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public KmsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
