using Microsoft.AspNetCore.Http.HttpResults;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Contracts;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Tokens;

/// <summary>
/// <c>/api/settings/tokens</c>: token management. Tokens never create tokens: every route here needs
/// an interactive session and refuses a bearer token.
/// </summary>
public static class TokenEndpoints
{
    public static void MapTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/settings/tokens")
            .WithTags("Tokens")
            .AddEndpointFilter(SessionOnly.Require("Token management needs an interactive session; a token cannot create or change tokens"));
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync);
        group.MapDelete("/{id}", RevokeAsync);
        group.MapPost("/{id}/rotate", RotateAsync);
    }

    private static async Task<Ok<List<TokenView>>> ListAsync(HttpContext context, ITokenStore store, TimeProvider time)
    {
        var user = context.GetCaller().User!;
        var now = time.GetUtcNow();
        var tokens = await store.ListForUserAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(tokens.Select(t => TokenView.From(t, now)).ToList());
    }

    private static async Task<Results<Created<IssuedTokenView>, BadRequestError>> CreateAsync(
        CreateTokenRequest request,
        HttpContext context, IssueToken issue, GrantResolver grants)
    {
        var user = context.GetCaller().User!;
        if (!NameRules.IsValidDisplayName(request.DisplayName))
        {
            return ApiError.BadRequest("invalid_display_name", "displayName is required (1-100 printable characters)");
        }

        if (!TokenRoles.TryParse(request.Role, out var role))
        {
            return ApiError.BadRequest("invalid_role", "role must be fineGrained, read or write");
        }

        if (role != TokenRole.FineGrained && request.FineGrained is not null)
        {
            return ApiError.BadRequest("invalid_grant", "fineGrained applies only to role fineGrained");
        }

        try
        {
            var grant = await grants.ResolveAsync(user, request.FineGrained, context.RequestAborted).ConfigureAwait(false);
            var issued = await issue.ExecuteAsync(
                new IssueToken.Request(user, request.DisplayName!.Trim(), role, grant, request.ExpiresAt, context.ClientIp()),
                context.RequestAborted).ConfigureAwait(false);
            var t = issued.Token;
            return TypedResults.Created((string?)null, new IssuedTokenView(t.Id, issued.Secret, t.DisplayName, t.Role.ToWire(), t.Last4, t.CreatedAt, t.ExpiresAt,
                t.Role == TokenRole.FineGrained ? GrantDto.From(t.Grant) : null));
        }
        catch (TokenRequestException e)
        {
            return ApiError.BadRequest(e.Code, e.Message);
        }
    }

    private static async Task<Results<NoContent, NotFoundError>> RevokeAsync(string id, HttpContext context, RevokeToken revoke)
    {
        var user = context.GetCaller().User!;
        var found = Ids.IsValid(id) && await revoke.ExecuteAsync(id, user.Id, "revoked by owner", user.Id, context.ClientIp(), context.RequestAborted).ConfigureAwait(false);
        return found ? TypedResults.NoContent() : ApiError.NotFound("Token not found");
    }

    private static async Task<Results<Ok<IssuedTokenView>, NotFoundError, ConflictError>> RotateAsync(string id, HttpContext context, RotateToken rotate)
    {
        var user = context.GetCaller().User!;
        if (!Ids.IsValid(id))
        {
            return ApiError.NotFound("Token not found");
        }

        try
        {
            var rotated = await rotate.ExecuteAsync(id, user.Id, context.ClientIp(), context.RequestAborted).ConfigureAwait(false);
            if (rotated is not { } r)
            {
                return ApiError.NotFound("Token not found");
            }

            var t = r.Token;
            return TypedResults.Ok(new IssuedTokenView(t.Id, r.Secret, t.DisplayName, t.Role.ToWire(), t.Last4, t.CreatedAt, t.ExpiresAt,
                t.Role == TokenRole.FineGrained ? GrantDto.From(t.Grant) : null));
        }
        catch (TokenRequestException e)
        {
            return ApiError.Conflict(e.Code, e.Message);
        }
    }
}
