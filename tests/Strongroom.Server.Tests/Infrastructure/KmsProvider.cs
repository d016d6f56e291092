namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>The KMS a test server seals secrets with. Secrets tests are written once and run on each.</summary>
public enum KmsProvider
{
    /// <summary>The embedded default: a key file under the data directory.</summary>
    Local,

    /// <summary>SoftHSM2 through PKCS#11, on the token that test.sh initializes.</summary>
    Pkcs11,
}
