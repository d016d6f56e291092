using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;

namespace Strongroom.Core.Tokens;

/// <summary>Creates a personal token for a user. The raw token is returned once and never stored.</summary>
public sealed class IssueToken(ITokenStore store, IAuditLog audit, IOptions<TokenOptions> options, TimeProvider time)
{
    public sealed record Request(User Owner, string DisplayName, TokenRole Role, FineGrainedGrant Grant, DateTimeOffset? ExpiresAt, string? Ip);

    public sealed record Issued(AccessToken Token, string Secret);

    /// <exception cref="TokenRequestException">The request breaks a rule (classic creation closed, expiry in the past).</exception>
    public async Task<Issued> ExecuteAsync(Request request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (request.Role != TokenRole.FineGrained && !options.Value.Classic.AllowCreate)
        {
            throw new TokenRequestException("classic_tokens_disabled",
                "Classic read/write tokens can no longer be created. Create a fine-grained token instead.");
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            throw new TokenRequestException("invalid_expiry", "expiresAt must be in the future.");
        }

        if (await store.CountActiveForUserAsync(request.Owner.Id, cancellationToken).ConfigureAwait(false) >= options.Value.MaxActivePerUser)
        {
            throw new TokenRequestException("too_many_tokens",
                $"You hold {options.Value.MaxActivePerUser} active tokens, the most allowed. Revoke tokens you no longer use first.");
        }

        var kind = request.Role == TokenRole.FineGrained ? TokenKind.FineGrained : TokenKind.Classic;
        var (token, secret) = AccessToken.Mint(options.Value.Prefix, kind, request.Role, request.DisplayName,
            request.Role == TokenRole.FineGrained ? request.Grant : FineGrainedGrant.Empty, now, request.ExpiresAt, userId: request.Owner.Id);
        audit.Add(new AuditEvent
        {
            Action = "token.create",
            ActorUserId = request.Owner.Id,
            TokenId = token.Id,
            Ip = request.Ip,
            Target = "token:" + token.Id,
            Details = new Dictionary<string, string> { ["role"] = request.Role.ToWire(), ["displayName"] = token.DisplayName },
        });
        await store.AddAsync(token, cancellationToken).ConfigureAwait(false); // the token and its event, one commit
        return new Issued(token, secret);
    }
}
