namespace Strongroom.Core.Kms;

/// <summary>
/// A KMS provider that can be selected by <c>Kms:Provider</c>. Each provider lives in its own assembly
/// (<c>Strongroom.Kms.Local</c> registers <c>local</c>, <c>Strongroom.Kms.Pkcs11</c> <c>pkcs11</c>), so
/// Core does no file I/O and never references a PKCS#11 library.
/// </summary>
/// <param name="Name">The value of <c>Kms:Provider</c> that selects it (case-insensitive).</param>
/// <param name="Create">Builds the provider; called once, the result is a singleton.</param>
public sealed record KmsProviderRegistration(string Name, Func<IServiceProvider, IKeyEncryptionService> Create);
