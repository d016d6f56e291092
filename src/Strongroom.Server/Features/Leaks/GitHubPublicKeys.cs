using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Strongroom.Server.Features.Leaks;

/// <summary>
/// The public keys GitHub signs secret-scanning reports with, read from <see cref="LeaksOptions.GitHubPublicKeysFile"/>
/// (re-read when the file changes, so an operator can add GitHub's next key without a restart).
/// </summary>
public sealed class GitHubPublicKeys(IOptions<LeaksOptions> options)
{
    private readonly Lock _lock = new();
    private (DateTime Written, Dictionary<string, string> Pems)? _loaded;

    /// <summary>Whether <paramref name="signature"/> (base64 DER ECDSA P-256 SHA-256) signs <paramref name="body"/> under key <paramref name="keyId"/>.</summary>
    public bool Verify(string? keyId, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(signature) || signature.Length > 512 || !Keys().TryGetValue(keyId, out var pem))
        {
            return false;
        }

        var der = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, der, out var length))
        {
            return false;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(pem);
            return key.VerifyData(body, der.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false; // not a PEM key
        }
    }

    private Dictionary<string, string> Keys()
    {
        var path = options.Value.GitHubPublicKeysFile;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return [];
        }

        var written = File.GetLastWriteTimeUtc(path);
        lock (_lock)
        {
            if (_loaded is { } loaded && loaded.Written == written)
            {
                return loaded.Pems;
            }

            var pems = new Dictionary<string, string>(StringComparer.Ordinal);
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var entry in document.RootElement.GetProperty("public_keys").EnumerateArray())
            {
                if (entry.TryGetProperty("key_identifier", out var id) && entry.TryGetProperty("key", out var key)
                    && id.GetString() is { Length: > 0 } keyId && key.GetString() is { Length: > 0 } keyPem)
                {
                    pems[keyId] = keyPem;
                }
            }

            _loaded = (written, pems);
            return pems;
        }
    }
}
