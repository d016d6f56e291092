using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;

namespace Strongroom.Core.Tokens;

/// <summary>The outcome of checking a presented bearer token; a success is cached and shared, so it is never changed.</summary>
public sealed record TokenVerification
{
    public AccessToken? Token { get; private init; }
    public User? Owner { get; private init; }
    /// <summary>Who the request acts as, with the owner's orgs; null when the token is refused.</summary>
    public Caller? Caller { get; private init; }
    /// <summary>A stable error code when the token is refused.</summary>
    public string? ErrorCode { get; private init; }
    public string? ErrorMessage { get; private init; }

    public bool Succeeded => Token is not null;

    public static TokenVerification Success(AccessToken token, User? owner, IReadOnlyList<CallerOrg> orgs) =>
        new() { Token = token, Owner = owner, Caller = new Caller(owner, token) { Orgs = orgs } };

    public static TokenVerification Failure(string code, string message) => new() { ErrorCode = code, ErrorMessage = message };

    public static TokenVerification Invalid { get; } =
        Failure("invalid_token", "Invalid credentials in Authorization header");

    /// <summary>Said plainly: its owner's scripts fail with the reason and the way out (the token is dead either way).</summary>
    public static TokenVerification Leaked { get; } =
        Failure("token_leaked", "This token was found leaked and has been revoked. Create a new one in your settings and keep it out of code.");

    public static TokenVerification Expired { get; } =
        Failure("token_expired", "This token has expired. Create a new one in your settings.");
}
