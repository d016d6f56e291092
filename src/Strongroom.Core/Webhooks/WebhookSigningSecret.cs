using System.Security.Cryptography;

namespace Strongroom.Core.Webhooks;

/// <summary>A new signing secret: <c>whsec_</c> and 32 random base62 characters (about 190 bits).</summary>
public static class WebhookSigningSecret
{
    public const string Prefix = "whsec_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, 32);
}
