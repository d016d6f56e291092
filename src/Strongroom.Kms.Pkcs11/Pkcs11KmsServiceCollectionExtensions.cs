using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Pkcs11;

/// <summary>Makes the <c>pkcs11</c> provider selectable by <c>Kms:Provider</c>.</summary>
public static class Pkcs11KmsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>pkcs11</c> provider; call after <c>AddStrongroomKms</c>. The provider is only
    /// built (module loaded, token opened) when <c>Kms:Provider</c> is <c>pkcs11</c>.
    /// </summary>
    public static IServiceCollection AddPkcs11Kms(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddKmsProvider(new KmsProviderRegistration(
            Pkcs11KeyEncryptionService.Name,
            sp => new Pkcs11KeyEncryptionService(sp.GetRequiredService<IOptions<KmsOptions>>().Value.Pkcs11)));
    }
}
