using Strongroom.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Hub;
using Strongroom.Core.Audit;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Workloads;

namespace Strongroom.Server.Features.Admin;

/// <summary>
/// <c>/api/admin/runners</c>: runner credentials (token kind <c>r</c>), which only start Spaces. A hub
/// admin creates one per runner; revoking it also revokes every workload token it was given.
/// </summary>
public static class AdminRunnerEndpoints
{
    public sealed record CreateRunnerRequest(string? Name);

    public sealed record RunnerView(string Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string? LastUsedIp);

    public sealed record CreatedRunner(string Id, string Name, string Token, DateTimeOffset CreatedAt);

    public static void MapAdminRunnerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/runners").WithTags("Admin").AddEndpointFilter(AdminSession.Require);
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapDelete("/{id}", RevokeAsync);
    }

    private static async Task<Results<Created<CreatedRunner>, BadRequestError, ConflictError>> CreateAsync(
        CreateRunnerRequest request,
        HttpContext context, StrongroomDb db, ITokenStore tokens, IOptions<TokenOptions> options, IAuditLog audit, TimeProvider time)
    {
        if (request.Name is not { Length: >= 1 and <= 64 } name || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return ApiError.BadRequest("invalid_runner_name", "name is 1-64 letters, digits, '-', '_' or '.'");
        }

        if (await db.Tokens.AnyAsync(t => t.Kind == TokenKind.Runner && t.Status == TokenStatus.Active && t.DisplayName == name, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiError.Conflict("runner_exists", $"An active runner named {name} exists; revoke it first");
        }

        var caller = context.GetCaller();
        var (runner, raw) = AccessToken.Mint(options.Value.Prefix, TokenKind.Runner, TokenRole.FineGrained, name, FineGrainedGrant.Empty,
            time.GetUtcNow(), createdBy: caller.User!.Id);
        audit.Add(new AuditEvent
        {
            Action = "runner.create",
            ActorUserId = caller.User.Id,
            TokenId = runner.Id,
            Ip = context.ClientIp(),
            Target = "runner:" + name,
        });
        await tokens.AddAsync(runner, context.RequestAborted).ConfigureAwait(false); // the runner and its event, one commit
        return TypedResults.Created((string?)null, new CreatedRunner(runner.Id, name, raw, runner.CreatedAt));
    }

    private static async Task<Ok<List<RunnerView>>> ListAsync(HttpContext context, StrongroomDb db, TimeProvider time)
    {
        var runners = await db.Tokens.AsNoTracking().Where(t => t.Kind == TokenKind.Runner).OrderBy(t => t.DisplayName).ThenBy(t => t.Id)
            .ToListAsync(context.RequestAborted).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return TypedResults.Ok(runners.Select(r => new RunnerView(r.Id, r.DisplayName, r.StatusWord(now), r.CreatedAt, r.LastUsedAt, r.LastUsedIp)).ToList());
    }

    private static async Task<Results<Ok<EmptyObject>, NotFoundError>> RevokeAsync(
        string id,
        HttpContext context, StrongroomDb db, RevokeWorkloadTokens revokeWorkloads, IAuditLog audit)
    {
        var runner = await db.Tokens.FirstOrDefaultAsync(t => t.Id == id && t.Kind == TokenKind.Runner, context.RequestAborted).ConfigureAwait(false);
        if (runner is null)
        {
            return new NotFoundError("runner_not_found", "No runner has that id");
        }

        // The revocations and their event, one commit.
        await db.InOneCommitAsync(async () =>
        {
            var workloadTokensRevoked = await revokeWorkloads.ForRunnerAsync(runner, context.RequestAborted).ConfigureAwait(false);
            await audit.WriteAsync(new AuditEvent
            {
                Action = "runner.revoke",
                ActorUserId = context.GetCaller().User!.Id,
                TokenId = runner.Id,
                Ip = context.ClientIp(),
                Target = "runner:" + runner.DisplayName,
                Details = new Dictionary<string, string> { ["workloadTokensRevoked"] = workloadTokensRevoked.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            }, context.RequestAborted).ConfigureAwait(false);
            return workloadTokensRevoked;
        }, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(EmptyObject.Instance);
    }
}
