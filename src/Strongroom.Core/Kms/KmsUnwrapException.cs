namespace Strongroom.Core.Kms;

/// <summary>
/// A wrapped data key failed authentication under the named key version: it was altered, truncated,
/// or wrapped by another version or another KMS.
/// </summary>
public class KmsUnwrapException : KmsException
{
    /// <summary>Creates the exception.</summary>
    public KmsUnwrapException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KmsUnwrapException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public KmsUnwrapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
