using System.Text;
using Strongroom.Core.Secrets;
using Strongroom.Core.Webhooks;

namespace Strongroom.Kms.Tests;

/// <summary>Webhook signing secrets in the Space secrets' envelope: bound to their webhook, apart from Space secrets, moved by the rewrap.</summary>
public sealed class WebhookSecretSealerContractTests
{
    private const string WebhookId = "65f1c2a9e4b0a1b2c3d4e5f6";

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_SealedSecret_ReturnsItsUtf8Bytes(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealer = new WebhookSecretSealer(context.Sealer);
        var secret = WebhookSigningSecret.New();

        var sealedSecret = sealer.Seal(WebhookId, secret);

        Assert.Equal(secret, Encoding.UTF8.GetString(sealer.Open(WebhookId, sealedSecret)));
        Assert.Equal(-1, sealedSecret.Ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret[6..])));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_OtherWebhookId_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealer = new WebhookSecretSealer(context.Sealer);
        var sealedSecret = sealer.Seal(WebhookId, WebhookSigningSecret.New());

        Assert.Throws<SecretIntegrityException>(() => sealer.Open("65f1c2a9e4b0a1b2c3d4e5f7", sealedSecret));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_AsASpaceSecret_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = new WebhookSecretSealer(context.Sealer).Seal(WebhookId, WebhookSigningSecret.New());

        // The context labels differ, so no (Space id, key name, version) opens a webhook's secret.
        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(WebhookId, "signing-secret", 0, sealedSecret));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Rewrap_AfterRotate_StillOpens(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealer = new WebhookSecretSealer(context.Sealer);
        var secret = WebhookSigningSecret.New();
        var sealedSecret = sealer.Seal(WebhookId, secret);
        context.Kms.Rotate();

        var moved = context.Sealer.Rewrap(sealedSecret);

        Assert.Equal(context.Kms.PrimaryVersion, moved.KmsKeyVersion);
        Assert.NotEqual(sealedSecret.KmsKeyVersion, moved.KmsKeyVersion);
        Assert.Equal(sealedSecret.Ciphertext, moved.Ciphertext);
        Assert.Equal(secret, Encoding.UTF8.GetString(sealer.Open(WebhookId, moved)));
    }

    [Fact]
    public void New_Secret_IsPrefixedBase62OfLength32()
    {
        var a = WebhookSigningSecret.New();
        var b = WebhookSigningSecret.New();

        Assert.Matches("^whsec_[0-9A-Za-z]{32}$", a);
        Assert.NotEqual(a, b);
    }
}
