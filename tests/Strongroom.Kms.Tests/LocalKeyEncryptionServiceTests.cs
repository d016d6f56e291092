using System.Runtime.Versioning;
using System.Text.Json;
using Strongroom.Core.Kms;
using Strongroom.Kms.Local;

namespace Strongroom.Kms.Tests;

/// <summary>What only the local provider has: files, modes and crash recovery.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalKeyEncryptionServiceTests
{
    [Fact]
    public void Constructor_NewDirectory_CreatesOwnerOnlyDirectoryAndFiles()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);
        context.Kms.Rotate();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(context.KeyDirectory!));
        var files = Directory.GetFiles(context.KeyDirectory!).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(["kek-v1.key", "kek-v2.key", "manifest.json", "signing.key"], files);
        foreach (var file in Directory.GetFiles(context.KeyDirectory!))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(32, new FileInfo(Path.Combine(context.KeyDirectory!, "kek-v2.key")).Length);
    }

    [Fact]
    public void CheckpointKey_IsSealedAtRest_AndOpensOnlyUnderItsDirectorysSigningKey()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);
        var publicKey = context.Kms.ExportCheckpointPublicKey();
        var file = Path.Combine(context.KeyDirectory!, "audit-checkpoint.sealed");

        using var probe = System.Security.Cryptography.ECDsa.Create();
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => probe.ImportPkcs8PrivateKey(File.ReadAllBytes(file), out _));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(publicKey, context.Reopen().ExportCheckpointPublicKey());

        File.WriteAllBytes(Path.Combine(context.KeyDirectory!, "signing.key"), new byte[32]); // another directory's signing key
        var elsewhere = context.Reopen();
        Assert.Throws<KmsException>(() => elsewhere.ExportCheckpointPublicKey());
    }

    [Fact]
    public void CheckpointKey_KeptPlainBeforeSealing_IsSealedOnFirstUse_AndStaysTheSameKey()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);
        using var legacy = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var plain = Path.Combine(context.KeyDirectory!, "audit-checkpoint.p8");
        File.WriteAllBytes(plain, legacy.ExportPkcs8PrivateKey());

        Assert.Equal(legacy.ExportSubjectPublicKeyInfo(), context.Reopen().ExportCheckpointPublicKey());
        Assert.False(File.Exists(plain));
        Assert.True(File.Exists(Path.Combine(context.KeyDirectory!, "audit-checkpoint.sealed")));
        Assert.Equal(legacy.ExportSubjectPublicKeyInfo(), context.Reopen().ExportCheckpointPublicKey());
    }

    [Fact]
    public void Constructor_LooseDirectoryMode_TightensTo0700()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);
        File.SetUnixFileMode(context.KeyDirectory!, (UnixFileMode)0b111_101_101);

        context.Reopen();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(context.KeyDirectory!));
    }

    [Fact]
    public void Rotate_CrashBeforeManifest_KeepsPreviousPrimaryAndNeverReusesTheNumber()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);
        var sealedSecret = context.Sealer.Seal("space", "KEY", 1, [1, 2, 3]);
        // What a crash between the key file's fsync and the manifest's rename leaves behind.
        File.WriteAllBytes(Path.Combine(context.KeyDirectory!, "kek-v2.key"), new byte[32]);

        var restarted = context.Reopen();
        var primaryAfterRestart = restarted.PrimaryVersion;
        var rotated = restarted.Rotate();

        Assert.Equal(1, primaryAfterRestart);
        Assert.Equal(3, rotated.Version);
        Assert.Equal([1, 3], restarted.ListVersions().Select(v => v.Version));
        Assert.Equal(new byte[] { 1, 2, 3 }, new Core.Secrets.SecretSealer(restarted).Open("space", "KEY", 1, sealedSecret));
    }

    [Fact]
    public void Constructor_ManifestLost_AdoptsEveryKeyFileWithHighestAsPrimary()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);
        var underV1 = context.Sealer.Seal("space", "KEY", 1, [4, 5]);
        context.Kms.Rotate();
        var underV2 = context.Sealer.Seal("space", "KEY", 2, [6]);
        File.Delete(Path.Combine(context.KeyDirectory!, "manifest.json"));

        var sealer = new Core.Secrets.SecretSealer(context.Reopen());

        Assert.Equal(new byte[] { 4, 5 }, sealer.Open("space", "KEY", 1, underV1));
        Assert.Equal(new byte[] { 6 }, sealer.Open("space", "KEY", 2, underV2));
        Assert.Equal(2, sealer.Seal("space", "KEY", 3, [7]).KmsKeyVersion);
    }

    [Fact]
    public void Rotate_Completed_LeavesNoTempFilesAndAManifestNamingThePrimary()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);

        context.Kms.Rotate();

        Assert.Empty(Directory.GetFiles(context.KeyDirectory!, "*.tmp"));
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(context.KeyDirectory!, "manifest.json")));
        Assert.Equal(2, manifest.RootElement.GetProperty("primary").GetInt32());
        Assert.Equal(2, manifest.RootElement.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public void Constructor_DamagedKeyFile_ThrowsKmsExceptionWithoutKeyBytes()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);
        File.WriteAllBytes(Path.Combine(context.KeyDirectory!, "kek-v1.key"), new byte[5]);

        var error = Assert.Throws<KmsException>(() => new LocalKeyEncryptionService(context.KeyDirectory!, TimeProvider.System));

        Assert.Contains("kek-v1.key", error.Message);
    }

    [Fact]
    public void ListVersions_NewStore_RecordsCreationTimeFromTimeProvider()
    {
        using var context = new KmsTestContext(KmsTestContext.Local);
        context.Time.Advance(TimeSpan.FromHours(1));

        var rotated = context.Kms.Rotate();

        Assert.Equal(context.Time.GetUtcNow(), rotated.CreatedAt);
        Assert.Equal(context.Time.GetUtcNow(), context.Kms.ListVersions()[1].CreatedAt);
    }
}
