using System.Text.Json.Serialization;
using Strongroom.Core.Tokens;

namespace Strongroom.Server.Features.Tokens;

/// <summary>Body of <c>POST /api/settings/tokens</c>.</summary>
public sealed record CreateTokenRequest(string? DisplayName, string? Role, DateTimeOffset? ExpiresAt, GrantDto? FineGrained);

/// <summary>A fine-grained grant as the hub's API shapes it.</summary>
public sealed record GrantDto(IReadOnlyList<string>? Global, IReadOnlyList<ScopedGrantDto>? Scoped, bool? CanReadGatedRepos)
{
    public static GrantDto From(FineGrainedGrant grant) => new(
        grant.Global,
        grant.Scoped.Select(s => new ScopedGrantDto(new EntityDto(s.Entity.Type, s.Entity.Name, s.Entity.Id), s.Permissions)).ToList(),
        grant.CanReadGatedRepos);
}

public sealed record ScopedGrantDto(EntityDto? Entity, IReadOnlyList<string>? Permissions);

public sealed record EntityDto(string? Type, string? Name, [property: JsonPropertyName("_id")] string? Id);

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
