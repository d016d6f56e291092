using Strongroom.Core.Tokens;
using Strongroom.Server.Contracts;

namespace Strongroom.Server.Features.Tokens;

/// <summary>Body of <c>POST /api/settings/tokens</c>.</summary>
public sealed record CreateTokenRequest(string? DisplayName, string? Role, DateTimeOffset? ExpiresAt, GrantDto? FineGrained);

/// <summary>A token as listed: never the secret, only its last four characters.</summary>
public sealed record TokenView(
    string Id, string DisplayName, string Role, string Last4, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, string? LastUsedIp,
    DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt, string? RevokedReason, GrantDto? FineGrained)
{
    public static TokenView From(AccessToken t, DateTimeOffset now) => new(
        t.Id, t.DisplayName, t.Role.ToWire(), t.Last4, t.StatusWord(now), t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.LastUsedIp,
        t.RotatedAt, t.RevokedAt, t.RevokedReason, t.Role == TokenRole.FineGrained ? GrantDto.From(t.Grant) : null);
}

/// <summary>The one response that carries a raw token: creation and rotation.</summary>
public sealed record IssuedTokenView(string Id, string Token, string DisplayName, string Role, string Last4,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, GrantDto? FineGrained);
