using System.Security.Cryptography;
using System.Text;

namespace Strongroom.Scanning.Engine;

/// <summary>How a secret is shown (masked) and identified (fingerprint) without revealing it.</summary>
public static class Masking
{
    /// <summary>
    /// Keeps at most the first quarter (and no more than 6 characters) of the value, which for prefixed
    /// tokens is the vendor prefix, and hides the rest behind a fixed-length mask so its length is not told.
    /// </summary>
    public static string Mask(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var keep = Math.Min(6, secret.Length / 4);
        return string.Concat(secret.AsSpan(0, keep), "********");
    }

    /// <summary>SHA-256 over the rule id and the secret, hex, first 32 characters.</summary>
    public static string Fingerprint(string ruleId, string secret)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(secret);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ruleId + "\0" + secret));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
