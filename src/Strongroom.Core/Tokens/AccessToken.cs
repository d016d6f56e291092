namespace Strongroom.Core.Tokens;

/// <summary>
/// A stored token: never the token itself, only its SHA-256, a display suffix and its grants.
/// </summary>
public sealed class AccessToken
{
    public required string Id { get; init; }
    /// <summary>The person the token acts for (personal tokens); null for runner and workload tokens.</summary>
    public string? UserId { get; init; }
    public TokenKind Kind { get; init; }
    public TokenRole Role { get; init; }
    public required string DisplayName { get; set; }
    /// <summary>SHA-256 of the whole token.</summary>
    public required byte[] Hash { get; set; }
    /// <summary>The last four characters, for people to recognise a token in a list.</summary>
    public required string Last4 { get; set; }
    public FineGrainedGrant Grant { get; set; } = FineGrainedGrant.Empty;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public string? LastUsedIp { get; set; }
    public DateTimeOffset? RotatedAt { get; set; }
    public TokenStatus Status { get; set; } = TokenStatus.Active;
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    /// <summary>What created a non-personal token (a runner id, a Space run).</summary>
    public string? CreatedBy { get; init; }

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } at && at <= now;

    /// <summary>For a workload token, the repository id of the one Space its grant names; null otherwise.</summary>
    public string? WorkloadSpaceId => Kind == TokenKind.Workload
        ? Grant.Scoped.FirstOrDefault(s => s.Entity.Type == "space")?.Entity.Id
        : null;

    /// <summary>
    /// A new token and its secret, which exists only in the return value: the token holds its SHA-256
    /// and last four characters. Every kind is minted here, personal or not.
    /// </summary>
    public static (AccessToken Token, string Secret) Mint(string prefix, TokenKind kind, TokenRole role, string displayName,
        FineGrainedGrant grant, DateTimeOffset createdAt, DateTimeOffset? expiresAt = null, string? userId = null, string? createdBy = null)
    {
        var secret = TokenFormat.Generate(prefix, kind);
        var token = new AccessToken
        {
            Id = Hub.Ids.New(),
            UserId = userId,
            Kind = kind,
            Role = role,
            DisplayName = displayName,
            Hash = TokenFormat.Hash(secret),
            Last4 = secret[^4..],
            Grant = grant,
            CreatedAt = createdAt,
            ExpiresAt = expiresAt,
            CreatedBy = createdBy,
        };
        return (token, secret);
    }

    /// <summary>Marks an active token revoked; false (and no change) when it was not active.</summary>
    public bool Revoke(DateTimeOffset at, string reason)
    {
        if (Status != TokenStatus.Active)
        {
            return false;
        }

        Status = TokenStatus.Revoked;
        RevokedAt = at;
        RevokedReason = reason;
        return true;
    }

    /// <summary>
    /// Marks a token found in public (or reported as such) leaked and dead: from active, or from revoked so
    /// that its owner sees why; false (and no change) when it was already marked leaked.
    /// </summary>
    public bool MarkLeaked(DateTimeOffset at, string where)
    {
        if (Status == TokenStatus.Leaked)
        {
            return false;
        }

        RevokedAt ??= at;
        Status = TokenStatus.Leaked;
        var reason = "leaked: " + where;
        RevokedReason = reason.Length > 500 ? reason[..500] : reason;
        return true;
    }

    /// <summary>The status a person sees: <c>expired</c> is derived from the clock.</summary>
    public string StatusWord(DateTimeOffset now) => Status switch
    {
        TokenStatus.Active when IsExpiredAt(now) => "expired",
        TokenStatus.Active => "active",
        TokenStatus.Revoked => "revoked",
        TokenStatus.Leaked => "leaked",
        _ => "unknown",
    };
}
