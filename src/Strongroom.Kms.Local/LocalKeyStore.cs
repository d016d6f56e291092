using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Strongroom.Core.Kms;

namespace Strongroom.Kms.Local;

/// <summary>
/// Files of the local provider: <c>kek-v{n}.key</c> (32 random bytes each), <c>signing.key</c> and
/// <c>manifest.json</c>, in a 0700 directory, each file 0600. Every file is written to a temp name,
/// fsynced, renamed into place, and the directory fsynced, so a crash leaves either the old or the
/// new file, never a torn one.
/// </summary>
internal sealed class LocalKeyStore
{
    private const string ManifestFileName = "manifest.json";
    private const string SigningKeyFileName = "signing.key";
    private const string PlainCheckpointKeyFileName = "audit-checkpoint.p8";
    private const string SealedCheckpointKeyFileName = "audit-checkpoint.sealed";
    private const string KeyFilePrefix = "kek-v";
    private const string KeyFileSuffix = ".key";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public LocalKeyStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        DirectoryPath = Path.GetFullPath(directory);
    }

    public string DirectoryPath { get; }

    public static string KeyFileName(int version) =>
        KeyFilePrefix + version.ToString(CultureInfo.InvariantCulture) + KeyFileSuffix;

    public void EnsureDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DirectoryPath);
            return;
        }

        Directory.CreateDirectory(DirectoryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // An existing directory keeps its mode on CreateDirectory; tighten it.
        File.SetUnixFileMode(DirectoryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public LocalKeyManifest? ReadManifest()
    {
        var path = Path.Combine(DirectoryPath, ManifestFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        LocalKeyManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<LocalKeyManifest>(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new KmsException("The local KMS manifest is not valid JSON.", ex);
        }

        if (manifest is null)
        {
            throw new KmsException("The local KMS manifest is empty.");
        }

        manifest.Validate();
        return manifest;
    }

    public void WriteManifest(LocalKeyManifest manifest) =>
        WriteAtomically(ManifestFileName, JsonSerializer.SerializeToUtf8Bytes(manifest, JsonOptions), overwrite: true);

    /// <summary>Writes a new key file; never replaces an existing one.</summary>
    public void CreateKeyFile(int version, ReadOnlySpan<byte> key) =>
        WriteAtomically(KeyFileName(version), key, overwrite: false);

    public byte[] ReadKeyFile(int version) => ReadSecretFile(KeyFileName(version));

    public byte[]? ReadSigningKey()
    {
        var path = Path.Combine(DirectoryPath, SigningKeyFileName);
        return File.Exists(path) ? ReadSecretFile(SigningKeyFileName) : null;
    }

    public void CreateSigningKey(ReadOnlySpan<byte> key) => WriteAtomically(SigningKeyFileName, key, overwrite: false);

    /// <summary>The audit checkpoint key as sealed by <see cref="LocalCheckpointKey"/>, or null before its first use.</summary>
    public byte[]? ReadSealedCheckpointKey() =>
        File.Exists(Path.Combine(DirectoryPath, SealedCheckpointKeyFileName)) ? ReadSecretFile(SealedCheckpointKeyFileName, anyLength: true) : null;

    public void CreateSealedCheckpointKey(ReadOnlySpan<byte> sealedKey) => WriteAtomically(SealedCheckpointKeyFileName, sealedKey, overwrite: false);

    /// <summary>The checkpoint key as plain PKCS#8, as it was kept before it was sealed; null when there is none.</summary>
    public byte[]? ReadPlainCheckpointKey() =>
        File.Exists(Path.Combine(DirectoryPath, PlainCheckpointKeyFileName)) ? ReadSecretFile(PlainCheckpointKeyFileName, anyLength: true) : null;

    public void DeletePlainCheckpointKey()
    {
        File.Delete(Path.Combine(DirectoryPath, PlainCheckpointKeyFileName));
        DirectorySync.Flush(DirectoryPath);
    }

    /// <summary>Versions that have a key file, named in the manifest or not, ascending.</summary>
    public IReadOnlyList<int> KeyFileVersions()
    {
        var versions = new List<int>();
        foreach (var path in Directory.EnumerateFiles(DirectoryPath, KeyFilePrefix + "*" + KeyFileSuffix))
        {
            var name = Path.GetFileName(path);
            var digits = name.AsSpan(KeyFilePrefix.Length, name.Length - KeyFilePrefix.Length - KeyFileSuffix.Length);
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
            {
                versions.Add(version);
            }
        }

        versions.Sort();
        return versions;
    }

    public int MaxKeyFileVersion()
    {
        var versions = KeyFileVersions();
        return versions.Count == 0 ? 0 : versions[^1];
    }

    private byte[] ReadSecretFile(string fileName, bool anyLength = false)
    {
        var path = Path.Combine(DirectoryPath, fileName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new KmsException($"Cannot read local KMS key file {fileName}.", ex);
        }

        if (bytes.Length != KeyWrapFormat.KeySize && !(anyLength && bytes.Length > 0))
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
            throw new KmsException($"Local KMS key file {fileName} is damaged (wrong length).");
        }

        return bytes;
    }

    private void WriteAtomically(string fileName, ReadOnlySpan<byte> content, bool overwrite)
    {
        var finalPath = Path.Combine(DirectoryPath, fileName);
        var tempPath = Path.Combine(DirectoryPath, "." + fileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(tempPath, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, finalPath, overwrite);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }

        DirectorySync.Flush(DirectoryPath);
    }
}
