using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strongroom.Core.Kms;
using Strongroom.Kms.Local;
using Strongroom.Core.Secrets;
using Strongroom.Kms.Pkcs11;

namespace Strongroom.Kms.Tests;

public sealed class KmsServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "strongroom-kms-di-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void AddStrongroomKms_NoConfiguration_UsesLocalProviderUnderDataDirectory()
    {
        using var services = Build([]);

        var kms = services.GetRequiredService<IKeyEncryptionService>();

        var local = Assert.IsType<LocalKeyEncryptionService>(kms);
        Assert.Equal(Path.Combine(_dataDirectory, "kms"), local.KeyDirectory);
        Assert.NotNull(services.GetRequiredService<SecretSealer>());
    }

    [Fact]
    public void AddStrongroomKms_LocalKeyDirectoryConfigured_UsesIt()
    {
        var directory = Path.Combine(_dataDirectory, "elsewhere");
        using var services = Build(new() { ["Kms:Provider"] = "local", ["Kms:Local:KeyDirectory"] = directory });

        var local = Assert.IsType<LocalKeyEncryptionService>(services.GetRequiredService<IKeyEncryptionService>());

        Assert.Equal(directory, local.KeyDirectory);
    }

    [Fact]
    public void AddStrongroomKms_Pkcs11NotRegistered_FailsValidation()
    {
        using var services = Build(new() { ["Kms:Provider"] = "pkcs11" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KmsOptions>>().Value);

        Assert.Contains("AddPkcs11Kms", error.Message);
    }

    [Fact]
    public void AddPkcs11Kms_MissingModuleAndPin_FailsValidationWithoutLoadingAnything()
    {
        using var services = Build(new() { ["Kms:Provider"] = "pkcs11", ["Kms:Pkcs11:TokenLabel"] = "t" }, pkcs11: true);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KmsOptions>>().Value);

        Assert.Contains("Kms:Pkcs11:ModulePath", error.Message);
        Assert.Contains("Kms:Pkcs11:Pin", error.Message);
    }

    [Fact]
    public void AddStrongroomKms_UnknownProvider_FailsValidation()
    {
        using var services = Build(new() { ["Kms:Provider"] = "vault" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KmsOptions>>().Value);
    }

    [Pkcs11Fact]
    public void AddPkcs11Kms_Pkcs11Configured_ResolvesPkcs11Provider()
    {
        var options = Pkcs11TestEnvironment.Options(Pkcs11TestEnvironment.UniqueKeyLabel());
        using var services = Build(
            new()
            {
                ["Kms:Provider"] = "pkcs11",
                ["Kms:Pkcs11:ModulePath"] = options.ModulePath,
                ["Kms:Pkcs11:TokenLabel"] = options.TokenLabel,
                ["Kms:Pkcs11:Pin"] = options.Pin,
                ["Kms:Pkcs11:KeyLabel"] = options.KeyLabel,
            },
            pkcs11: true);

        var kms = services.GetRequiredService<IKeyEncryptionService>();

        Assert.IsType<Pkcs11KeyEncryptionService>(kms);
        Assert.Equal("pkcs11", kms.ProviderName);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private ServiceProvider Build(Dictionary<string, string?> settings, bool pkcs11 = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddStrongroomKms().AddLocalKms(_dataDirectory);
        if (pkcs11)
        {
            services.AddPkcs11Kms();
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
