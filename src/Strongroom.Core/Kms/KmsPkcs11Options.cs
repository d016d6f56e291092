namespace Strongroom.Core.Kms;

/// <summary>Settings of the <c>pkcs11</c> KMS provider (<c>Kms:Pkcs11</c>).</summary>
public sealed class KmsPkcs11Options
{
    /// <summary>Path of the PKCS#11 module, e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>.</summary>
    public string? ModulePath { get; set; }

    /// <summary>Label of the token that holds the keys.</summary>
    public string? TokenLabel { get; set; }

    /// <summary>User PIN of the token. Supply it from the environment or a secret store, not a checked-in file.</summary>
    public string? Pin { get; set; }

    /// <summary>Label prefix of the key objects: versions are <c>{KeyLabel}-v{n}</c>, the signing key <c>{KeyLabel}-hmac</c>.</summary>
    public string KeyLabel { get; set; } = "strongroom-kek";
}
