using Strongroom.Core.Hub;

namespace Strongroom.Core.Tokens;

/// <summary>The outcome of checking a presented bearer token.</summary>
public sealed record TokenVerification
{
    public AccessToken? Token { get; private init; }
    public User? Owner { get; private init; }
    /// <summary>A stable error code when the token is refused.</summary>
    public string? ErrorCode { get; private init; }
    public string? ErrorMessage { get; private init; }

    public bool Succeeded => Token is not null;

    public static TokenVerification Success(AccessToken token, User? owner) => new() { Token = token, Owner = owner };

    public static TokenVerification Failure(string code, string message) => new() { ErrorCode = code, ErrorMessage = message };

    public static TokenVerification Invalid { get; } =
        Failure("invalid_token", "Invalid credentials in Authorization header");
}
