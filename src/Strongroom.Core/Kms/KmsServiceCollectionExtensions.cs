using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Strongroom.Core.Kms.Local;
using Strongroom.Core.Secrets;

namespace Strongroom.Core.Kms;

/// <summary>Registers the KMS: options, the <c>local</c> provider, the provider selector and <see cref="SecretSealer"/>.</summary>
public static class KmsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KmsOptions"/> from the <c>Kms</c> configuration section (validated at start),
    /// registers the <c>local</c> provider (keys under <c>&lt;dataDirectory&gt;/kms</c> unless
    /// <c>Kms:Local:KeyDirectory</c> is set) and a singleton <see cref="IKeyEncryptionService"/> chosen
    /// by <c>Kms:Provider</c> among the registered providers. Add <c>AddPkcs11Kms()</c> from
    /// <c>Strongroom.Kms.Pkcs11</c> to make <c>pkcs11</c> available.
    /// </summary>
    /// <param name="services">The service collection; an <c>IConfiguration</c> must be registered.</param>
    /// <param name="dataDirectory">The server's data directory.</param>
    public static IServiceCollection AddStrongroomKms(this IServiceCollection services, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);

        services.AddOptions<KmsOptions>().BindConfiguration(KmsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KmsOptions>, KmsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddKmsProvider(new KmsProviderRegistration(LocalKeyEncryptionService.Name, sp =>
        {
            var options = sp.GetRequiredService<IOptions<KmsOptions>>().Value;
            var directory = string.IsNullOrWhiteSpace(options.Local.KeyDirectory)
                ? Path.Combine(dataDirectory, "kms")
                : options.Local.KeyDirectory;
            return new LocalKeyEncryptionService(directory, sp.GetRequiredService<TimeProvider>());
        }));
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
