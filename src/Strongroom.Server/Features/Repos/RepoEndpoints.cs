using Strongroom.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Git.Storage;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Hosting;
using Strongroom.Server.Repositories;
using Strongroom.Server.Workloads;

namespace Strongroom.Server.Features.Repos;

/// <summary>The hub's repository routes: create, delete, info, settings. Listing is in <see cref="RepoListEndpoints"/>.</summary>
public static class RepoEndpoints
{
    private static readonly HashSet<string> Sdks = new(StringComparer.Ordinal) { "gradio", "streamlit", "docker", "static" };

    public static void MapRepoEndpoints(this IEndpointRouteBuilder routes)
    {
        var repos = routes.MapGroup("/api").WithTags("Repositories");
        repos.MapPost("/repos/create", CreateAsync);
        repos.MapDelete("/repos/delete", DeleteAsync);
        repos.MapGet("/{types:repotypes}/{ns}/{name}", InfoAsync);
        repos.MapPut("/{types:repotypes}/{ns}/{name}/settings", SettingsAsync);
    }

    private static async Task<Results<Ok<CreatedRepo>, UnauthorizedError, BadRequestError, Denied, ConflictError>> CreateAsync(
        CreateRepoRequest request,
        HttpContext context, AccessGuard guard, IAuditLog audit, CreateRepository create)
    {
        var caller = context.GetCaller();
        if (caller.User is null)
        {
            return ApiError.Unauthorized();
        }

        var (type, isPrivate, invalid) = CheckCreateRequest(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var ns = string.IsNullOrEmpty(request.Organization) ? caller.User.Name : request.Organization;
        var (facts, owner, org) = await guard.NamespaceAsync(caller, ns, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.RepoWrite, facts, "namespace:" + ns).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return AccessGuard.Deny(decision);
        }

        var repo = create.NewRow(type, request.Name!, owner, org, isPrivate, type == RepoType.Space ? request.Sdk : null, caller.User.Id);
        audit.Add(RepoAuditEvents.For(context, "repo.create", repo));
        if (!await create.ExecuteAsync(repo, copyOf: null, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiError.Conflict("repo_exists", $"You already created this {type.ToWord()} repo");
        }

        return TypedResults.Ok(new CreatedRepo(RepoUrls.Of(context, repo), repo.FullName, repo.Id));
    }

    // The request's own checks, before anything is looked up: its type, name, SDK and visibility.
    private static (RepoType Type, bool IsPrivate, BadRequestError? Invalid) CheckCreateRequest(CreateRepoRequest request)
    {
        if (!RepoTypes.TryParse(request.Type, out var type))
        {
            return (type, false, ApiError.BadRequest("invalid_repo_type", "type must be model, dataset or space"));
        }

        if (!NameRules.IsValidRepoName(request.Name))
        {
            return (type, false, ApiError.BadRequest("invalid_repo_name", "Repository names are 1-96 letters, digits, '-', '_' or '.', without '--' or '..', not ending in .git"));
        }

        if (type == RepoType.Space && (request.Sdk is null || !Sdks.Contains(request.Sdk)))
        {
            return (type, false, ApiError.BadRequest("invalid_sdk", "A Space needs sdk: gradio, streamlit, docker or static"));
        }

        return request.Visibility switch
        {
            "private" => (type, true, null),
            "public" => (type, false, null),
            null => (type, request.Private ?? false, null),
            _ => (type, false, ApiError.BadRequest("invalid_visibility", "visibility must be public or private")),
        };
    }

    private static async Task<Results<Ok, UnauthorizedError, BadRequestError, Denied>> DeleteAsync(
        [Microsoft.AspNetCore.Mvc.FromBody] DeleteRepoRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit, RevokeWorkloadTokens revokeWorkloads, GitRepositoryStore gitStore)
    {
        var caller = context.GetCaller();
        if (caller.User is null)
        {
            return ApiError.Unauthorized();
        }

        if (!RepoTypes.TryParse(request.Type, out var type) || string.IsNullOrEmpty(request.Name))
        {
            return ApiError.BadRequest("invalid_request", "name and a valid type are required");
        }

        var ns = string.IsNullOrEmpty(request.Organization) ? caller.User.Name : request.Organization;
        var (facts, repo) = await guard.RepoAsync(caller, type, ns, request.Name, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.RepoWrite, facts, $"{type.ToWord()}:{ns}/{request.Name}", AccessLevel.Admin).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return AccessGuard.Deny(decision);
        }

        var workloadTokensRevoked = await db.InOneCommitAsync(async () =>
        {
            await db.Repositories.Where(r => r.Id == repo!.Id).ExecuteDeleteAsync(context.RequestAborted).ConfigureAwait(false);
            var revoked = type == RepoType.Space
                ? await revokeWorkloads.ForSpaceAsync(repo!.Id, "space deleted", context.RequestAborted).ConfigureAwait(false)
                : 0;
            await audit.WriteAsync(RepoAuditEvents.For(context, "repo.delete", repo!, revoked > 0
                ? new Dictionary<string, string> { ["workloadTokensRevoked"] = revoked.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : null), context.RequestAborted).ConfigureAwait(false);
            return revoked;
        }, context.RequestAborted).ConfigureAwait(false);
        context.RequestServices.GetRequiredService<AccessChanges>().ResourcesChanged();
        gitStore.Delete(repo!); // the files go once the row and its event are committed
        return TypedResults.Ok();
    }

    private static async Task<Results<Ok<RepoView>, Denied>> InfoAsync(string types, string ns, string name, HttpContext context, AccessGuard guard)
    {
        var (repo, denial) = await ReadableAsync(RepoTypes.ParsePlural(types), ns, name, context, guard).ConfigureAwait(false);
        return repo is null ? AccessGuard.Deny(denial!) : TypedResults.Ok(RepoView.From(repo));
    }

    /// <summary>The repository if the caller may read it, else the decision to answer with (the API and the page alike).</summary>
    internal static Task<(Repository? Repo, AccessDecision? Denial)> ReadableAsync(RepoType type, string ns, string name, HttpContext context, AccessGuard guard) =>
        AuthorizedAsync(type, ns, name, Permissions.RepoContentRead, context, guard);

    /// <summary>The repository if the caller holds <paramref name="permission"/> on it, else the decision to answer with.</summary>
    internal static async Task<(Repository? Repo, AccessDecision? Denial)> AuthorizedAsync(
        RepoType type, string ns, string name, string permission,
        HttpContext context, AccessGuard guard)
    {
        var (facts, repo) = await guard.RepoAsync(context.GetCaller(), type, ns, name, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, permission, facts, $"{type.ToWord()}:{ns}/{name}").ConfigureAwait(false);
        return decision.Allowed ? (repo, null) : (null, decision);
    }

    private static async Task<Results<Ok<EmptyObject>, Denied, Results<ForbiddenError, BadRequestError>>> SettingsAsync(
        string types, string ns, string name, RepoSettingsRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit, TimeProvider time, PublicContentSignal publicContent)
    {
        var type = RepoTypes.ParsePlural(types);
        var (facts, repo) = await guard.RepoAsync(context.GetCaller(), type, ns, name, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.RepoWrite, facts, $"{type.ToWord()}:{ns}/{name}").ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return AccessGuard.Deny(decision);
        }

        if (CheckSettingsRequest(request, type, context.GetCaller(), out var protection) is { } refused)
        {
            return refused;
        }

        // Each setting and its event commit together (all of them, or none).
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted).ConfigureAwait(false);
        if (protection is { } setting)
        {
            await db.Repositories.Where(r => r.Id == repo!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.PushProtection, setting), context.RequestAborted).ConfigureAwait(false);
            await audit.WriteAsync(
                RepoAuditEvents.For(context, "repo.settings", repo!, new Dictionary<string, string> { ["secretsPushProtection"] = setting.ToString().ToLowerInvariant() }),
                context.RequestAborted).ConfigureAwait(false);
        }

        if (request.WorkloadCanWrite is { } canWrite)
        {
            await db.Repositories.Where(r => r.Id == repo!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.WorkloadCanWrite, canWrite), context.RequestAborted).ConfigureAwait(false);
            await audit.WriteAsync(
                RepoAuditEvents.For(context, "repo.settings", repo!, new Dictionary<string, string> { ["workloadCanWrite"] = canWrite ? "true" : "false" }),
                context.RequestAborted).ConfigureAwait(false);
        }

        var isPrivate = request.Visibility is "private" || (request.Visibility is null && request.Private == true);
        if (request.Private is not null || request.Visibility is not null)
        {
            var now = time.GetUtcNow();
            await db.Repositories.Where(r => r.Id == repo!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Private, isPrivate).SetProperty(r => r.UpdatedAt, now), context.RequestAborted).ConfigureAwait(false);
            await audit.WriteAsync(
                RepoAuditEvents.For(context, "repo.settings", repo!, new Dictionary<string, string> { ["private"] = isPrivate ? "true" : "false" }),
                context.RequestAborted).ConfigureAwait(false);
        }

        await transaction.CommitAsync(context.RequestAborted).ConfigureAwait(false);
        if ((request.Private is not null || request.Visibility is not null) && !isPrivate && repo!.Private)
        {
            // Public now: whatever it holds is swept at once, not at the next interval.
            publicContent.Raise();
        }

        context.RequestServices.GetRequiredService<AccessChanges>().ResourcesChanged(); // cached lookups hold visibility and settings
        return TypedResults.Ok(EmptyObject.Instance);
    }

    /// <summary><c>block</c>, <c>warn</c> or <c>off</c> (any case), or absent; false for anything else.</summary>
    // The request's own checks, and who may make it: a workload token's grant could otherwise widen itself,
    // or make a private Space public.
    private static Results<ForbiddenError, BadRequestError>? CheckSettingsRequest(RepoSettingsRequest request, RepoType type, Caller caller, out SecretsPushProtection? protection)
    {
        protection = null;
        if (caller.Token?.Kind == TokenKind.Workload)
        {
            return ApiError.Forbidden("workload_scope", "A workload token cannot change its Space's settings");
        }

        if (request.WorkloadCanWrite is not null && type != RepoType.Space)
        {
            return ApiError.BadRequest("invalid_setting", "workloadCanWrite applies to Spaces only");
        }

        if (request.Visibility is not (null or "private" or "public"))
        {
            return ApiError.BadRequest("invalid_visibility", "visibility must be public or private");
        }

        if (!TryParseProtection(request.SecretsPushProtection, out protection))
        {
            return ApiError.BadRequest("invalid_setting", "secretsPushProtection must be block, warn or off");
        }

        return null;
    }

    private static bool TryParseProtection(string? word, out SecretsPushProtection? protection)
    {
        protection = null;
        if (word is null)
        {
            return true;
        }

        if (int.TryParse(word, out _) || !Enum.TryParse<SecretsPushProtection>(word, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return false;
        }

        protection = parsed;
        return true;
    }
}
