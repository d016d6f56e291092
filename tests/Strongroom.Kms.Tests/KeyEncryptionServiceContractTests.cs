using System.Security.Cryptography;
using System.Text;
using Strongroom.Core.Kms;
using Strongroom.Core.Secrets;

namespace Strongroom.Kms.Tests;

/// <summary>Key versions, wrapping and signing, written once and run against every KMS provider.</summary>
public sealed class KeyEncryptionServiceContractTests
{
    [Theory, LocalProvider, Pkcs11Provider]
    public void ListVersions_NewStore_HasVersionOnePrimary(string provider)
    {
        using var context = new KmsTestContext(provider);

        var versions = context.Kms.ListVersions();

        Assert.Equal(provider, context.Kms.ProviderName);
        Assert.Equal(1, context.Kms.PrimaryVersion);
        Assert.Equal([new KmsKeyVersionInfo(1, KmsKeyState.Primary, versions[0].CreatedAt)], versions);
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void ListVersions_AfterRotationsAndRetire_ReportsEachState(string provider)
    {
        using var context = new KmsTestContext(provider);
        context.Kms.Rotate();
        var third = context.Kms.Rotate();

        context.Kms.Retire(1);

        var states = context.Kms.ListVersions().Select(v => (v.Version, v.State));
        Assert.Equal(3, third.Version);
        Assert.Equal(3, context.Kms.PrimaryVersion);
        Assert.Equal([(1, KmsKeyState.Retired), (2, KmsKeyState.Active), (3, KmsKeyState.Primary)], states);
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Retire_PrimaryVersion_ThrowsKmsKeyStateException(string provider)
    {
        using var context = new KmsTestContext(provider);
        context.Kms.Rotate();

        Assert.Throws<KmsKeyStateException>(() => context.Kms.Retire(2));
        Assert.Equal(KmsKeyState.Primary, context.Kms.ListVersions().Single(v => v.Version == 2).State);
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Retire_UnknownVersion_ThrowsKmsKeyStateException(string provider)
    {
        using var context = new KmsTestContext(provider);

        Assert.Throws<KmsKeyStateException>(() => context.Kms.Retire(7));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void WrapKey_RetiredVersion_ThrowsKmsKeyStateException(string provider)
    {
        using var context = new KmsTestContext(provider);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = context.Kms.WrapKey(dataKey);
        context.Kms.Rotate();
        context.Kms.Retire(1);

        Assert.Throws<KmsKeyStateException>(() => context.Kms.WrapKey(dataKey, 1));
        Assert.Throws<KmsKeyStateException>(() => context.Kms.UnwrapKey(1, wrapped.Wrapped, new byte[32]));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Retire_ThenReopen_StaysRetired(string provider)
    {
        using var context = new KmsTestContext(provider);
        context.Kms.Rotate();
        context.Kms.Retire(1);

        var reopened = context.Reopen();

        Assert.Equal(KmsKeyState.Retired, reopened.ListVersions().Single(v => v.Version == 1).State);
        Assert.Equal(2, reopened.PrimaryVersion);
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void WrapKey_ExplicitActiveVersion_UnwrapsUnderThatVersion(string provider)
    {
        using var context = new KmsTestContext(provider);
        context.Kms.Rotate();
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = context.Kms.WrapKey(dataKey, 1);
        var unwrapped = new byte[32];
        context.Kms.UnwrapKey(wrapped.KeyVersion, wrapped.Wrapped, unwrapped);

        Assert.Equal(1, wrapped.KeyVersion);
        Assert.Equal(dataKey, unwrapped);
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void WrapKey_WrongDataKeySize_ThrowsArgumentException(string provider)
    {
        using var context = new KmsTestContext(provider);

        Assert.Throws<ArgumentException>(() => context.Kms.WrapKey(new byte[16]));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void UnwrapKey_WrappedByAnotherStore_ThrowsKmsUnwrapException(string provider)
    {
        using var context = new KmsTestContext(provider);
        using var other = new KmsTestContext(provider);
        var wrapped = other.Kms.WrapKey(RandomNumberGenerator.GetBytes(32));

        Assert.Throws<KmsUnwrapException>(() => context.Kms.UnwrapKey(wrapped.KeyVersion, wrapped.Wrapped, new byte[32]));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void UnwrapKey_VersionRotatedByAnotherInstance_FindsTheNewVersion(string provider)
    {
        using var context = new KmsTestContext(provider);
        var otherNode = context.Reopen();
        otherNode.Rotate();
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = otherNode.WrapKey(dataKey);

        var unwrapped = new byte[32];
        context.Kms.UnwrapKey(wrapped.KeyVersion, wrapped.Wrapped, unwrapped);

        Assert.Equal(2, wrapped.KeyVersion);
        Assert.Equal(dataKey, unwrapped);
        Assert.Equal(2, context.Kms.ListVersions().Single(v => v.State == KmsKeyState.Primary).Version);
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Verify_SignatureFromSign_ReturnsTrueAndFalseWhenAltered(string provider)
    {
        using var context = new KmsTestContext(provider);
        var checkpoint = Encoding.UTF8.GetBytes("audit-checkpoint:42:abcdef");

        var signature = context.Kms.Sign(checkpoint);
        var altered = (byte[])signature.Clone();
        altered[0] ^= 1;

        Assert.Equal(32, signature.Length);
        Assert.True(context.Kms.Verify(checkpoint, signature));
        Assert.False(context.Kms.Verify(checkpoint, altered));
        Assert.False(context.Kms.Verify(Encoding.UTF8.GetBytes("audit-checkpoint:43:abcdef"), signature));
        Assert.False(context.Kms.Verify(checkpoint, signature.AsSpan(0, 31)));
        Assert.True(context.Reopen().Verify(checkpoint, signature));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void Seal_ManyThreadsDuringRotation_AllValuesOpen(string provider)
    {
        using var context = new KmsTestContext(provider);
        var sealedValues = new SealedSecret[200];

        Parallel.For(0, sealedValues.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i == 100)
            {
                context.Kms.Rotate();
            }

            sealedValues[i] = context.Sealer.Seal("space", "KEY", i, BitConverter.GetBytes(i));
        });

        Parallel.For(0, sealedValues.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            Assert.Equal(i, BitConverter.ToInt32(context.Sealer.Open("space", "KEY", i, sealedValues[i]))));
        Assert.Contains(sealedValues, s => s.KmsKeyVersion == 2);
    }
}
