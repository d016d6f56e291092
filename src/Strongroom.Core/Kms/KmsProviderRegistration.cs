namespace Strongroom.Core.Kms;

/// <summary>
/// A KMS provider that can be selected by <c>Kms:Provider</c>. Core registers <c>local</c>; the
/// <c>Strongroom.Kms.Pkcs11</c> assembly registers <c>pkcs11</c>, so Core never references a
/// PKCS#11 library.
/// </summary>
/// <param name="Name">The value of <c>Kms:Provider</c> that selects it (case-insensitive).</param>
/// <param name="Create">Builds the provider; called once, the result is a singleton.</param>
public sealed record KmsProviderRegistration(string Name, Func<IServiceProvider, IKeyEncryptionService> Create);
