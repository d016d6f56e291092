using System.Security.Cryptography;

namespace Strongroom.Kms.Tests;

/// <summary>The audit checkpoint key (ECDSA P-256), written once and run against every KMS provider.</summary>
public sealed class CheckpointKeyContractTests
{
    [Theory, LocalProvider, Pkcs11Provider]
    public void SignCheckpoint_VerifiesWithExportedPublicKey(string provider)
    {
        using var context = new KmsTestContext(provider);
        var digest = SHA256.HashData("checkpoint 1"u8);

        var signature = context.Kms.SignCheckpoint(digest);

        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(context.Kms.ExportCheckpointPublicKey(), out _);
        Assert.Equal(256, publicKey.KeySize);
        Assert.Equal(64, signature.Length);
        Assert.True(publicKey.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(publicKey.VerifyHash(SHA256.HashData("checkpoint 2"u8), signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Theory, LocalProvider, Pkcs11Provider]
    public void ExportCheckpointPublicKey_AfterReopen_IsTheSameKey(string provider)
    {
        using var context = new KmsTestContext(provider);
        var first = context.Kms.ExportCheckpointPublicKey();

        var reopened = context.Reopen();

        Assert.Equal(first, reopened.ExportCheckpointPublicKey());
        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(first, out _);
        var digest = SHA256.HashData("after reopen"u8);
        Assert.True(publicKey.VerifyHash(digest, reopened.SignCheckpoint(digest), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }
}
