using System.Text;
using Strongroom.Core.Kms;

namespace Strongroom.Core.Audit;

/// <summary>
/// Values that may be sensitive but must stay searchable (a name typed at a failed sign-in, which is often
/// a password in the wrong field; an email; a leaked credential's hash) go into events as HMAC-SHA256
/// under the KMS-held signing key, as Vault's audit devices do with their salt: equal values give equal
/// HMACs, so an admin finds them by computing the HMAC of what they look for, but the log alone reveals nothing.
/// </summary>
public sealed class AuditValueHasher(IKeyEncryptionService kms)
{
    /// <summary>The prefix of every such value in an event's details.</summary>
    public const string Prefix = "hmac-sha256:";

    /// <summary>The HMAC of <paramref name="value"/> as a value of <paramref name="kind"/> (e.g. <c>username</c>), so equal values of different kinds differ.</summary>
    public string Hmac(string kind, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(value);
        return Prefix + Convert.ToHexStringLower(kms.Sign(Encoding.UTF8.GetBytes(kind + "\0" + value)));
    }
}
