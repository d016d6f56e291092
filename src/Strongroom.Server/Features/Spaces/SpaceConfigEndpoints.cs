using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Secrets;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Spaces;

using Invalid = Results<BadRequestError, PayloadTooLargeError>;
using Refused = Results<BadRequestError, ConflictError>;

/// <summary>
/// A Space's secrets (write-only: listed without values) and variables (readable), at the hub's paths
/// and in its shapes. Writing either, and listing secrets, needs <c>repo.secrets.write</c> (or a
/// classic write token) on a Space the caller may write.
/// </summary>
public static class SpaceConfigEndpoints
{
    public static void MapSpaceConfigEndpoints(this IEndpointRouteBuilder routes)
    {
        var space = routes.MapGroup("/api/spaces/{ns}/{name}").WithTags("Space secrets and variables");
        space.MapGet("/secrets", ListSecretsAsync);
        space.MapPost("/secrets", PutSecretAsync);
        space.MapDelete("/secrets", DeleteSecretAsync);
        space.MapGet("/variables", ListVariablesAsync);
        space.MapPost("/variables", PutVariableAsync);
        space.MapDelete("/variables", DeleteVariableAsync);
    }

    private static async Task<Results<Ok<Dictionary<string, SecretView>>, Denied>> ListSecretsAsync(string ns, string name, HttpContext context, StrongroomDb db, AccessGuard guard)
    {
        var (repo, denied) = await AuthorizeAsync(context, guard, ns, name, Permissions.RepoSecretsWrite).ConfigureAwait(false);
        if (denied is not null)
        {
            return denied;
        }

        return TypedResults.Ok(await SecretListingAsync(db, repo!.Id, context.RequestAborted).ConfigureAwait(false));
    }

    private static Task<Results<Ok<Dictionary<string, SecretView>>, Invalid, Denied, Refused>> PutSecretAsync(
        string ns, string name, SpaceConfigWriteRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, SpaceConfigWriter writer, IAuditLog audit) =>
        PutAsync(ns, name, request, context, db, guard, audit, "space.secret.write", "secrets",
            (repoId, ct) => writer.PutSecretAsync(repoId, request.Key!, request.Value!, request.Description, ct),
            (repoId, ct) => SecretListingAsync(db, repoId, ct));

    private static Task<Results<Ok<Dictionary<string, SecretView>>, BadRequestError, Denied, NotFoundError>> DeleteSecretAsync(
        string ns, string name, [FromBody] SpaceConfigDeleteRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit) =>
        DeleteAsync(ns, name, request, context, db, guard, audit, "space.secret.delete", "secret",
            (repoId, key, ct) => db.SpaceSecrets.Where(s => s.RepoId == repoId && s.Key == key).ExecuteDeleteAsync(ct),
            (repoId, ct) => SecretListingAsync(db, repoId, ct));

    private static async Task<Results<Ok<Dictionary<string, VariableView>>, Denied>> ListVariablesAsync(
        string ns, string name,
        HttpContext context, StrongroomDb db, AccessGuard guard)
    {
        var (repo, denied) = await AuthorizeAsync(context, guard, ns, name, Permissions.RepoContentRead).ConfigureAwait(false);
        if (denied is not null)
        {
            return denied;
        }

        return TypedResults.Ok(await VariableListingAsync(db, repo!.Id, context.RequestAborted).ConfigureAwait(false));
    }

    private static Task<Results<Ok<Dictionary<string, VariableView>>, Invalid, Denied, Refused>> PutVariableAsync(
        string ns, string name, SpaceConfigWriteRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, SpaceConfigWriter writer, IAuditLog audit) =>
        PutAsync(ns, name, request, context, db, guard, audit, "space.variable.write", "variables",
            (repoId, ct) => writer.PutVariableAsync(repoId, request.Key!, request.Value!, request.Description, ct),
            (repoId, ct) => VariableListingAsync(db, repoId, ct));

    /// <summary>
    /// The one upsert flow of secrets and variables: check the input, authorize (writing either needs
    /// <c>repo.secrets.write</c>), write, audit, answer with the whole listing as the hub does.
    /// </summary>
    private static async Task<Results<Ok<Dictionary<string, TView>>, Invalid, Denied, Refused>> PutAsync<TView>(
        string ns, string name, SpaceConfigWriteRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit, string action, string noun,
        Func<string, CancellationToken, Task<SpaceConfigWriteOutcome>> write, Func<string, CancellationToken, Task<Dictionary<string, TView>>> listing)
    {
        if (SpaceConfigRules.Check(request.Key, request.Value, request.Description) is { } invalid)
        {
            return invalid;
        }

        var (repo, denied) = await AuthorizeAsync(context, guard, ns, name, Permissions.RepoSecretsWrite).ConfigureAwait(false);
        if (denied is not null)
        {
            return denied;
        }

        var refusal = await db.InOneCommitAsync<Refused?>(async () =>
        {
            var outcome = await write(repo!.Id, context.RequestAborted).ConfigureAwait(false);
            if (Refusal(outcome, noun) is { } refused)
            {
                return refused;
            }

            await audit.WriteAsync(Event(context, action, repo, request.Key!, outcome), context.RequestAborted).ConfigureAwait(false);
            return null;
        }, context.RequestAborted).ConfigureAwait(false);
        return refusal is not null ? refusal : TypedResults.Ok(await listing(repo!.Id, context.RequestAborted).ConfigureAwait(false));
    }

    private static Task<Results<Ok<Dictionary<string, VariableView>>, BadRequestError, Denied, NotFoundError>> DeleteVariableAsync(
        string ns, string name, [FromBody] SpaceConfigDeleteRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit) =>
        DeleteAsync(ns, name, request, context, db, guard, audit, "space.variable.delete", "variable",
            (repoId, key, ct) => db.SpaceVariables.Where(v => v.RepoId == repoId && v.Key == key).ExecuteDeleteAsync(ct),
            (repoId, ct) => VariableListingAsync(db, repoId, ct));

    private static async Task<Results<Ok<Dictionary<string, TView>>, BadRequestError, Denied, NotFoundError>> DeleteAsync<TView>(
        string ns, string name, SpaceConfigDeleteRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit, string action, string noun,
        Func<string, string, CancellationToken, Task<int>> delete, Func<string, CancellationToken, Task<Dictionary<string, TView>>> listing)
    {
        if (!SpaceConfigLimits.IsValidKey(request.Key))
        {
            return ApiError.BadRequest("invalid_key", "key is required and must be a valid key");
        }

        var (repo, denied) = await AuthorizeAsync(context, guard, ns, name, Permissions.RepoSecretsWrite).ConfigureAwait(false);
        if (denied is not null)
        {
            return denied;
        }

        var deleted = await db.InOneCommitAsync(async () =>
        {
            if (await delete(repo!.Id, request.Key!, context.RequestAborted).ConfigureAwait(false) == 0)
            {
                return false;
            }

            await audit.WriteAsync(Event(context, action, repo, request.Key!, null), context.RequestAborted).ConfigureAwait(false);
            return true;
        }, context.RequestAborted).ConfigureAwait(false);
        return deleted
            ? TypedResults.Ok(await listing(repo!.Id, context.RequestAborted).ConfigureAwait(false))
            : new NotFoundError(noun + "_not_found", $"This Space has no {noun} named {request.Key}");
    }

    /// <summary>The secrets listing, <c>{KEY: {key, description, updatedAt}}</c>: never a value.</summary>
    private static async Task<Dictionary<string, SecretView>> SecretListingAsync(StrongroomDb db, string repoId, CancellationToken cancellationToken)
    {
        var secrets = await db.SpaceSecrets.AsNoTracking()
            .Where(s => s.RepoId == repoId)
            .OrderBy(s => s.Key)
            .Select(s => new SecretView(s.Key, s.Description, s.UpdatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return secrets.ToDictionary(s => s.Key, StringComparer.Ordinal);
    }

    /// <summary>The variables listing, <c>{KEY: {key, value, description, updatedAt}}</c>, which <c>huggingface_hub</c> reads after every change.</summary>
    private static async Task<Dictionary<string, VariableView>> VariableListingAsync(StrongroomDb db, string repoId, CancellationToken cancellationToken)
    {
        var variables = await db.SpaceVariables.AsNoTracking()
            .Where(v => v.RepoId == repoId)
            .OrderBy(v => v.Key)
            .Select(v => new VariableView(v.Key, v.Value, v.Description, v.UpdatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return variables.ToDictionary(v => v.Key, StringComparer.Ordinal);
    }

    /// <summary>Finds the Space and decides; the repo is null exactly when the answer is a denial.</summary>
    private static async Task<(Repository? Repo, Denied? Denied)> AuthorizeAsync(HttpContext context, AccessGuard guard, string ns, string name, string permission)
    {
        var (facts, repo) = await guard.RepoAsync(context.GetCaller(), RepoType.Space, ns, name, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, permission, facts, $"space:{ns}/{name}").ConfigureAwait(false);
        if (decision.Allowed)
        {
            return (repo, null);
        }

        // Absent and hidden answer alike, so the hint cannot reveal a private Space.
        return (null, decision.Status == 404 && NameRules.IsValidNamespace(ns) && NameRules.IsValidRepoName(name)
            ? new Denied(decision with
            {
                Reason = $"The Space {ns}/{name} does not exist or is not visible to you; "
                    + $"create it with 'strongroom repos create {ns}/{name} --sdk gradio' (or POST /api/repos/create)",
            })
            : AccessGuard.Deny(decision));
    }

    private static Refused? Refusal(SpaceConfigWriteOutcome outcome, string noun) => outcome switch
    {
        SpaceConfigWriteOutcome.LimitReached => ApiError.BadRequest("too_many_" + noun, $"This Space already holds the most {noun} allowed; delete one first"),
        SpaceConfigWriteOutcome.Conflict => ApiError.Conflict("concurrent_update", "The entry changed while it was being written; try again"),
        _ => null,
    };

    private static AuditEvent Event(HttpContext context, string action, Repository repo, string key, SpaceConfigWriteOutcome? outcome)
    {
        var caller = context.GetCaller();
        var details = new Dictionary<string, string> { ["key"] = key };
        if (outcome is { } done)
        {
            details["change"] = done == SpaceConfigWriteOutcome.Created ? "created" : "updated";
        }

        return new AuditEvent
        {
            Action = action,
            ActorUserId = caller.User?.Id,
            TokenId = caller.Token?.Id,
            Ip = context.ClientIp(),
            Target = $"space:{repo.FullName}",
            OrgId = repo.OwnerIsOrg ? repo.OwnerId : null,
            Details = details,
        };
    }
}
