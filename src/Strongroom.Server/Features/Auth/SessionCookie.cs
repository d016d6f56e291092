using System.Security.Cryptography;

namespace Strongroom.Server.Features.Auth;

/// <summary>The session cookie and CSRF header names, and how their random values are made and hashed.</summary>
public static class SessionCookie
{
    public const string Name = "strongroom_session";
    public const string CsrfHeader = "X-CSRF-Token";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string secret) => Strongroom.Core.Sessions.VerifySession.Hash(secret);
}
