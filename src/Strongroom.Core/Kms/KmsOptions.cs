namespace Strongroom.Core.Kms;

/// <summary>
/// KMS configuration, bound from the <c>Kms</c> section:
/// <c>Kms:Provider</c> (<c>local</c> or <c>pkcs11</c>), <c>Kms:Local:KeyDirectory</c>, and
/// <c>Kms:Pkcs11:ModulePath|TokenLabel|Pin|KeyLabel</c>.
/// </summary>
public sealed class KmsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Kms";

    /// <summary>Which provider holds the key-encryption keys: <c>local</c> (default) or <c>pkcs11</c>.</summary>
    public string Provider { get; set; } = "local";

    /// <summary>Settings of the <c>local</c> provider.</summary>
    public KmsLocalOptions Local { get; set; } = new();

    /// <summary>Settings of the <c>pkcs11</c> provider.</summary>
    public KmsPkcs11Options Pkcs11 { get; set; } = new();
}
