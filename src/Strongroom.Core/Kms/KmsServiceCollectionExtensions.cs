using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Strongroom.Core.Secrets;

namespace Strongroom.Core.Kms;

/// <summary>Registers the KMS: options, the provider selector and <see cref="SecretSealer"/>. Providers come from their own assemblies.</summary>
public static class KmsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KmsOptions"/> from the <c>Kms</c> configuration section (validated at start) and
    /// registers a singleton <see cref="IKeyEncryptionService"/> chosen by <c>Kms:Provider</c> among the
    /// registered providers: add <c>AddLocalKms(dataDirectory)</c> from <c>Strongroom.Kms.Local</c> (the
    /// default, <c>local</c>) and <c>AddPkcs11Kms()</c> from <c>Strongroom.Kms.Pkcs11</c>.
    /// </summary>
    /// <param name="services">The service collection; an <c>IConfiguration</c> must be registered.</param>
    public static IServiceCollection AddStrongroomKms(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<KmsOptions>().BindConfiguration(KmsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KmsOptions>, KmsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(SelectProvider);
        services.TryAddSingleton<SecretSealer>();
        return services;
    }

    /// <summary>Makes a provider selectable by <c>Kms:Provider</c>; used by provider assemblies.</summary>
    public static IServiceCollection AddKmsProvider(this IServiceCollection services, KmsProviderRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(registration);
        services.AddSingleton(registration);
        return services;
    }

    private static IKeyEncryptionService SelectProvider(IServiceProvider sp)
    {
        var name = sp.GetRequiredService<IOptions<KmsOptions>>().Value.Provider?.Trim() ?? "";
        var registration = sp.GetServices<KmsProviderRegistration>()
            .LastOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Kms:Provider '{name}' is not registered.");
        return registration.Create(sp);
    }
}
