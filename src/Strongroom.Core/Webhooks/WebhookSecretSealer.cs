using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Strongroom.Core.Secrets;

namespace Strongroom.Core.Webhooks;

/// <summary>
/// Seals webhook signing secrets with the same envelope as Space secrets (<see cref="SecretSealer"/>: a fresh
/// data key each, AES-256-GCM, the data key wrapped by the KMS primary version), so the KMS rewrap moves them
/// too. The associated data is a context label of its own and the webhook id: a sealed secret copied to
/// another webhook, or into a Space secret, does not open.
/// </summary>
public sealed class WebhookSecretSealer(SecretSealer sealer)
{
    private static readonly byte[] Context = Encoding.ASCII.GetBytes("strongroom-webhook-secret-v1");

    public SealedSecret Seal(string webhookId, string secret)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        try
        {
            return sealer.Seal(AssociatedData(webhookId), plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The secret's UTF-8 bytes; the caller zeroes them after use.</summary>
    /// <exception cref="SecretIntegrityException">Altered, or sealed for another webhook.</exception>
    public byte[] Open(string webhookId, SealedSecret sealedSecret) => sealer.Open(AssociatedData(webhookId), sealedSecret);

    internal static byte[] AssociatedData(string webhookId)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        var idLength = Encoding.UTF8.GetByteCount(webhookId);
        var aad = new byte[Context.Length + 4 + idLength];
        Context.CopyTo(aad, 0);
        BinaryPrimitives.WriteInt32BigEndian(aad.AsSpan(Context.Length), idLength);
        Encoding.UTF8.GetBytes(webhookId, aad.AsSpan(Context.Length + 4));
        return aad;
    }
}
