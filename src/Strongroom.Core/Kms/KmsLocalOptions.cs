namespace Strongroom.Core.Kms;

/// <summary>Settings of the <c>local</c> KMS provider (<c>Kms:Local</c>).</summary>
public sealed class KmsLocalOptions
{
    /// <summary>
    /// Directory of the key files; when unset, <c>kms</c> under the data directory. Created 0700,
    /// each key file 0600.
    /// </summary>
    public string? KeyDirectory { get; set; }
}
