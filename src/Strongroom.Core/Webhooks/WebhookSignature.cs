using System.Security.Cryptography;

namespace Strongroom.Core.Webhooks;

/// <summary>
/// The <c>X-Strongroom-Signature</c> value: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the raw
/// body under the webhook's signing secret (the UTF-8 bytes of the whole <c>whsec_...</c> string), as
/// receivers recompute it.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Strongroom-Signature";

    public static string Compute(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
}
