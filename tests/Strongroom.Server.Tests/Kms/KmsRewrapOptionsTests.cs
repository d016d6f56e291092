using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strongroom.Server.Features.Kms;

namespace Strongroom.Server.Tests.Kms;

public sealed class KmsRewrapOptionsTests
{
    private static KmsRewrapOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        KmsRewrapOptions.Register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KmsRewrapOptions>>().Value;
    }

    [Fact]
    public void Bind_NothingSet_Defaults500NoPauseFiveMinutes()
    {
        var options = Bind();

        Assert.Equal(500, options.RewrapBatchSize);
        Assert.Equal(TimeSpan.Zero, options.RewrapPause);
        Assert.Equal(TimeSpan.FromMinutes(5), options.RewrapInterval);
    }

    [Fact]
    public void Bind_TimeSpans_AreRead()
    {
        var options = Bind(("Kms:RewrapBatchSize", "200"), ("Kms:RewrapPause", "00:00:00.020"), ("Kms:RewrapInterval", "00:01:00"));

        Assert.Equal(200, options.RewrapBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(20), options.RewrapPause);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RewrapInterval);
    }

    [Theory]
    [InlineData("Kms:RewrapBatchSize", "0")]
    [InlineData("Kms:RewrapBatchSize", "10001")]
    [InlineData("Kms:RewrapPause", "-00:00:01")]
    [InlineData("Kms:RewrapInterval", "00:00:00")]
    public void Bind_OutOfRange_FailsValidation(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => Bind((key, value)));
    }
}
