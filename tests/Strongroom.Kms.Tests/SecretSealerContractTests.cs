using System.Text;
using Strongroom.Core.Kms;
using Strongroom.Core.Secrets;

namespace Strongroom.Kms.Tests;

/// <summary>Envelope sealing, written once and run against every KMS provider.</summary>
public sealed class SecretSealerContractTests
{
    private const string SpaceId = "65f1c2a9e4b0a1b2c3d4e5f6";
    private const string KeyName = "OPENAI_API_KEY";
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("sk-test-0123456789abcdef");

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_SealedValue_ReturnsPlaintext(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        var opened = context.Sealer.Open(SpaceId, KeyName, 1, sealedSecret);

        Assert.Equal(Value, opened);
        Assert.Equal(context.Kms.PrimaryVersion, sealedSecret.KmsKeyVersion);
        Assert.Equal(KeyWrapFormat.WrappedSize, sealedSecret.WrappedDataKey.Length);
        Assert.Equal(12 + Value.Length + 16, sealedSecret.Ciphertext.Length);
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_EmptyValue_ReturnsEmpty(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, []);

        Assert.Empty(context.Sealer.Open(SpaceId, KeyName, 1, sealedSecret));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Seal_SameValueTwice_UsesFreshDataKeyAndNonce(string provider)
    {
        using var context = new KmsTestContext(provider);

        var first = context.Sealer.Seal(SpaceId, KeyName, 1, Value);
        var second = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
        Assert.NotEqual(first.WrappedDataKey, second.WrappedDataKey);
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_OtherSpaceId_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open("65f1c2a9e4b0a1b2c3d4e5f7", KeyName, 1, sealedSecret));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_OtherKeyName_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(SpaceId, "HF_TOKEN", 1, sealedSecret));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_OtherSecretVersion_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(SpaceId, KeyName, 2, sealedSecret));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_BoundaryShiftedBetweenSpaceAndName_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal("space-a", "BKEY", 1, Value);

        // Same concatenation "space-aBKEY": only the length prefixes tell them apart.
        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open("space-aB", "KEY", 1, sealedSecret));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_TamperedCiphertext_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        // Nonce, body and tag each authenticate.
        foreach (var index in new[] { 0, 12, sealedSecret.Ciphertext.Length - 1 })
        {
            var tampered = (byte[])sealedSecret.Ciphertext.Clone();
            tampered[index] ^= 0x01;
            Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(SpaceId, KeyName, 1, sealedSecret with { Ciphertext = tampered }));
        }

        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(SpaceId, KeyName, 1, sealedSecret with { Ciphertext = sealedSecret.Ciphertext[..20] }));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_TamperedWrappedKey_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        foreach (var index in new[] { 0, 12, KeyWrapFormat.WrappedSize - 1 })
        {
            var tampered = (byte[])sealedSecret.WrappedDataKey.Clone();
            tampered[index] ^= 0x80;
            Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(SpaceId, KeyName, 1, sealedSecret with { WrappedDataKey = tampered }));
        }

        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(SpaceId, KeyName, 1, sealedSecret with { WrappedDataKey = sealedSecret.WrappedDataKey[..40] }));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_WrappedKeyOfAnotherSecret_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var mine = context.Sealer.Seal(SpaceId, KeyName, 1, Value);
        var other = context.Sealer.Seal(SpaceId, "OTHER", 1, Value);

        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(SpaceId, KeyName, 1, mine with { WrappedDataKey = other.WrappedDataKey }));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_KmsVersionRelabelled_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);
        var rotated = context.Kms.Rotate();

        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Open(SpaceId, KeyName, 1, sealedSecret with { KmsKeyVersion = rotated.Version }));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_UnknownKmsVersion_ThrowsKmsKeyStateException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        Assert.Throws<KmsKeyStateException>(() => context.Sealer.Open(SpaceId, KeyName, 1, sealedSecret with { KmsKeyVersion = 99 }));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_AfterRotation_OpensValuesSealedBefore(string provider)
    {
        using var context = new KmsTestContext(provider);
        var before = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        var rotated = context.Kms.Rotate();
        var after = context.Sealer.Seal(SpaceId, KeyName, 2, Value);

        Assert.Equal(1, before.KmsKeyVersion);
        Assert.Equal(rotated.Version, after.KmsKeyVersion);
        Assert.Equal(Value, context.Sealer.Open(SpaceId, KeyName, 1, before));
        Assert.Equal(Value, context.Sealer.Open(SpaceId, KeyName, 2, after));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Rewrap_AfterRotation_MovesToPrimaryWithSameCiphertext(string provider)
    {
        using var context = new KmsTestContext(provider);
        var original = context.Sealer.Seal(SpaceId, KeyName, 1, Value);
        var ciphertext = (byte[])original.Ciphertext.Clone();
        var rotated = context.Kms.Rotate();

        var rewrapped = context.Sealer.Rewrap(original);
        context.Kms.Retire(1);

        Assert.Equal(rotated.Version, rewrapped.KmsKeyVersion);
        Assert.Equal(ciphertext, rewrapped.Ciphertext);
        Assert.NotEqual(original.WrappedDataKey, rewrapped.WrappedDataKey);
        Assert.Equal(Value, context.Sealer.Open(SpaceId, KeyName, 1, rewrapped));
        Assert.Throws<KmsKeyStateException>(() => context.Sealer.Open(SpaceId, KeyName, 1, original));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Rewrap_AlreadyOnPrimary_ReturnsSameValue(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);

        Assert.Same(sealedSecret, context.Sealer.Rewrap(sealedSecret));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Rewrap_TamperedWrappedKey_ThrowsSecretIntegrityException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedSecret = context.Sealer.Seal(SpaceId, KeyName, 1, Value);
        context.Kms.Rotate();
        var tampered = (byte[])sealedSecret.WrappedDataKey.Clone();
        tampered[20] ^= 0x01;

        Assert.Throws<SecretIntegrityException>(() => context.Sealer.Rewrap(sealedSecret with { WrappedDataKey = tampered }));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Open_AfterReopen_OpensValuesSealedByPreviousInstance(string provider)
    {
        using var context = new KmsTestContext(provider);
        var v1 = context.Sealer.Seal(SpaceId, KeyName, 1, Value);
        context.Kms.Rotate();
        var v2 = context.Sealer.Seal(SpaceId, KeyName, 2, Value);

        var reopened = new SecretSealer(context.Reopen());

        Assert.Equal(Value, reopened.Open(SpaceId, KeyName, 1, v1));
        Assert.Equal(Value, reopened.Open(SpaceId, KeyName, 2, v2));
        Assert.Equal(2, reopened.Seal(SpaceId, KeyName, 3, Value).KmsKeyVersion);
    }
}
