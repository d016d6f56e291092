using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Access;

/// <summary>
/// <c>POST /api/auth/check</c>: lets the hub's other services ask "may this bearer token do this
/// permission on this resource", with the same decision function every endpoint here uses.
/// </summary>
public static class AuthCheckEndpoints
{
    public sealed record ResourceRef(string? Type, string? Name);

    public sealed record CheckRequest(string? Permission, ResourceRef? Resource);

    public sealed record CheckResponse(bool Allowed, string Reason, int Status, string Code);

    public static void MapAuthCheckEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/auth/check", CheckAsync).WithTags("Authorization");

    private static async Task<Results<Ok<CheckResponse>, UnauthorizedError, BadRequestError>> CheckAsync(
        CheckRequest request,
        HttpContext context, AccessGuard guard, IOptions<TokenOptions> options)
    {
        var caller = context.GetCaller();
        if (caller.Token is null)
        {
            return ApiError.Unauthorized("Send the token to check as a bearer token");
        }

        if (request.Permission is null || !options.Value.IsKnownPermission(request.Permission))
        {
            return ApiError.BadRequest("unknown_permission", "permission must be a name from the catalogue");
        }

        var name = request.Resource?.Name ?? "";
        ResourceFacts facts;
        switch (request.Resource?.Type)
        {
            case "model" or "dataset" or "space":
                var type = RepoTypes.Parse(request.Resource.Type);
                var parts = name.Split('/');
                if (parts.Length != 2)
                {
                    return ApiError.BadRequest("invalid_resource", "A repository is named namespace/name");
                }

                facts = (await guard.RepoAsync(caller, type, parts[0], parts[1], context.RequestAborted).ConfigureAwait(false)).Facts;
                break;
            case "org":
                facts = (await guard.OrgAsync(caller, name, context.RequestAborted).ConfigureAwait(false)).Facts;
                break;
            case "user":
                var (nsFacts, user, _) = await guard.NamespaceAsync(caller, name, context.RequestAborted).ConfigureAwait(false);
                facts = user is null ? ResourceFacts.Missing(ResourceKind.User) : nsFacts;
                break;
            default:
                return ApiError.BadRequest("invalid_resource", "resource.type must be model, dataset, space, org or user");
        }

        var decision = await guard.CheckAsync(context, request.Permission, facts, $"{request.Resource.Type}:{name}").ConfigureAwait(false);
        return TypedResults.Ok(new CheckResponse(decision.Allowed, decision.Reason, decision.Status, decision.Code));
    }
}
