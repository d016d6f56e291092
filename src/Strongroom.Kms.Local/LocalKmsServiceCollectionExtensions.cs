using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Local;

/// <summary>Registers the <c>local</c> KMS provider, the embedded default.</summary>
public static class LocalKmsServiceCollectionExtensions
{
    /// <summary>
    /// Makes <c>local</c> selectable by <c>Kms:Provider</c>: key files under <c>&lt;dataDirectory&gt;/kms</c>
    /// unless <c>Kms:Local:KeyDirectory</c> is set. Call after <c>AddStrongroomKms</c>.
    /// </summary>
    public static IServiceCollection AddLocalKms(this IServiceCollection services, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return services.AddKmsProvider(new KmsProviderRegistration(LocalKeyEncryptionService.Name, sp =>
        {
            var options = sp.GetRequiredService<IOptions<KmsOptions>>().Value;
            var directory = string.IsNullOrWhiteSpace(options.Local.KeyDirectory)
                ? Path.Combine(dataDirectory, "kms")
                : options.Local.KeyDirectory;
            return new LocalKeyEncryptionService(directory, sp.GetRequiredService<TimeProvider>());
        }));
    }
}
