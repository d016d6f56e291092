using Strongroom.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Runtime;

/// <summary>
/// <c>/api/spaces/{ns}/{name}/runtime/start|renew|stop</c>: what a runner (and only a runner) calls to
/// start a Space, keep its workload token alive while it runs, and end it when it stops.
/// </summary>
public static class RuntimeEndpoints
{
    public static void MapRuntimeEndpoints(this IEndpointRouteBuilder routes)
    {
        var runtime = routes.MapGroup("/api/spaces/{ns}/{name}/runtime").WithTags("Space runtime").AddEndpointFilter(RequireRunner)
            .ProducesFilterErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden); // RequireRunner's answers
        runtime.MapPost("/start", StartAsync);
        runtime.MapPost("/renew", RenewAsync);
        runtime.MapPost("/stop", StopAsync);
    }

    private static async ValueTask<object?> RequireRunner(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var caller = context.HttpContext.GetCaller();
        if (!caller.IsAuthenticated)
        {
            return ApiError.Unauthorized("A runner credential is required", "runner_required");
        }

        if (caller.Token?.Kind != TokenKind.Runner)
        {
            return ApiError.Forbidden("runner_required", "Only a runner credential can start, renew or stop a Space");
        }

        return await next(context).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<RuntimeStartResponse>, NotFoundError, ServerError>> StartAsync(
        string ns, string name,
        HttpContext context, StrongroomDb db, SpaceRuntime runtime)
    {
        if (await FindSpaceAsync(db, ns, name, context.RequestAborted).ConfigureAwait(false) is not { } space)
        {
            return SpaceNotFound(ns, name);
        }

        var outcome = await runtime.StartAsync(context.GetCaller().Token!, space, context.ClientIp(), context.RequestAborted).ConfigureAwait(false);
        if (outcome.FailedKey is { } key)
        {
            return ApiError.ServerError("secret_integrity_failure",
                $"Secret {key} of this Space does not open: its stored record was altered or moved. Its owner must set it again.");
        }

        NoStore(context);
        return TypedResults.Ok(outcome.Started);
    }

    private static async Task<Results<Ok<WorkloadRenewal>, NotFoundError>> RenewAsync(
        string ns, string name, WorkloadTokenRequest request,
        HttpContext context, StrongroomDb db, SpaceRuntime runtime)
    {
        if (await FindSpaceAsync(db, ns, name, context.RequestAborted).ConfigureAwait(false) is not { } space)
        {
            return SpaceNotFound(ns, name);
        }

        var expiresAt = await runtime.RenewAsync(context.GetCaller().Token!, space, request.Token, context.ClientIp(), context.RequestAborted).ConfigureAwait(false);
        return expiresAt is { } at
            ? TypedResults.Ok(new WorkloadRenewal(at))
            : WorkloadNotFound();
    }

    private static async Task<Results<Ok<EmptyObject>, NotFoundError>> StopAsync(
        string ns, string name, WorkloadTokenRequest request,
        HttpContext context, StrongroomDb db, SpaceRuntime runtime)
    {
        if (await FindSpaceAsync(db, ns, name, context.RequestAborted).ConfigureAwait(false) is not { } space)
        {
            return SpaceNotFound(ns, name);
        }

        return await runtime.StopAsync(context.GetCaller().Token!, space, request.Token, context.ClientIp(), context.RequestAborted).ConfigureAwait(false)
            ? TypedResults.Ok(EmptyObject.Instance)
            : WorkloadNotFound();
    }

    private static Task<Repository?> FindSpaceAsync(StrongroomDb db, string ns, string name, CancellationToken cancellationToken) =>
        db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Type == RepoType.Space && r.Namespace == ns && r.Name == name, cancellationToken);

    private static NotFoundError SpaceNotFound(string ns, string name) =>
        new NotFoundError("space_not_found", $"There is no Space {ns}/{name}");

    private static NotFoundError WorkloadNotFound() =>
        new NotFoundError("workload_token_not_found",
            "No live workload token from this runner for this Space matches; start the Space again");

    /// <summary>The response holds secret values: no cache, proxy or browser may keep it.</summary>
    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
