using Strongroom.Core.Secrets;

namespace Strongroom.Core.Webhooks;

/// <summary>
/// A URL a user or an organization registered to receive events as signed JSON POSTs. Its signing secret is
/// stored sealed by <see cref="WebhookSecretSealer"/> (bound to <see cref="Id"/>), never in clear; it is shown
/// once, when registered.
/// </summary>
public sealed class Webhook
{
    public required string Id { get; init; }

    /// <summary>The user's or the organization's id (ids are unique across both).</summary>
    public required string OwnerId { get; init; }

    public bool OwnerIsOrg { get; init; }

    public required string Url { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The signing secret: AES-256-GCM output under its own data key.</summary>
    public required byte[] Ciphertext { get; init; }

    /// <summary>The data key, wrapped by the KMS; the rewrap job moves it to the primary version.</summary>
    public required byte[] WrappedDataKey { get; set; }

    public int KmsKeyVersion { get; set; }

    public SealedSecret Sealed => new(Ciphertext, WrappedDataKey, KmsKeyVersion);
}
