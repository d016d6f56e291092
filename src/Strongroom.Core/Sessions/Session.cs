namespace Strongroom.Core.Sessions;

/// <summary>An interactive sign-in. The cookie value and the CSRF token are stored only as SHA-256.</summary>
public sealed class Session
{
    public required byte[] Hash { get; init; }
    public required string UserId { get; init; }
    public required byte[] CsrfHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public string? Ip { get; init; }
}
