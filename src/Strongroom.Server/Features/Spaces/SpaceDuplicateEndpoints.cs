using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Secrets;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Repositories;

namespace Strongroom.Server.Features.Spaces;

using Invalid = Results<BadRequestError, PayloadTooLargeError>;

/// <summary>
/// <c>POST /api/spaces/{ns}/{name}/duplicate</c>, as <c>huggingface_hub.duplicate_space</c> calls it.
/// The copy gets the source's variables but never its secrets: a secret is for the Space its owner
/// gave it to. Secrets and variables in the request body are the caller's own and are stored (sealed)
/// in the new Space. Everything is written in one transaction.
/// </summary>
public static class SpaceDuplicateEndpoints
{
    public static void MapSpaceDuplicateEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/spaces/{ns}/{name}/duplicate", DuplicateAsync).WithTags("Space secrets and variables");
    }

    private static async Task<Results<Ok<DuplicatedSpace>, UnauthorizedError, Invalid, Denied, BadRequestError, ConflictError>> DuplicateAsync(
        string ns, string name, DuplicateSpaceRequest request,
        HttpContext context, StrongroomDb db, AccessGuard guard, SecretSealer sealer, IOptions<SpaceOptions> options, IAuditLog audit, CreateRepository create)
    {
        var caller = context.GetCaller();
        if (caller.User is null)
        {
            return ApiError.Unauthorized();
        }

        if (CheckRequest(request, caller.User.Name, out var toNs, out var toName) is { } invalid)
        {
            return invalid;
        }

        var (sourceFacts, source) = await guard.RepoAsync(caller, RepoType.Space, ns, name, context.RequestAborted).ConfigureAwait(false);
        var read = await guard.CheckAsync(context, Permissions.RepoContentRead, sourceFacts, $"space:{ns}/{name}").ConfigureAwait(false);
        if (!read.Allowed)
        {
            return AccessGuard.Deny(read);
        }

        var (namespaceFacts, owner, org) = await guard.NamespaceAsync(caller, toNs, context.RequestAborted).ConfigureAwait(false);
        var write = await guard.CheckAsync(context, Permissions.RepoWrite, namespaceFacts, "namespace:" + toNs).ConfigureAwait(false);
        if (!write.Allowed)
        {
            return AccessGuard.Deny(write);
        }

        var copy = create.NewRow(RepoType.Space, toName, owner, org, request.Private ?? source!.Private, source!.Sdk, caller.User.Id);
        if (await MayConfigureAsync(request, copy, org, namespaceFacts.CallerRole, context, guard).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var variables = await db.SpaceVariables.AsNoTracking().Where(v => v.RepoId == source.Id)
            .ToDictionaryAsync(v => v.Key, StringComparer.Ordinal, context.RequestAborted).ConfigureAwait(false);
        var newVariables = CopiedVariables(variables.Values, request.Variables ?? [], copy.Id, copy.CreatedAt);
        var newSecrets = SealedSecrets(request.Secrets ?? [], sealer, copy.Id, copy.CreatedAt);
        if (newSecrets.Count > options.Value.MaxSecretsPerSpace || newVariables.Count > options.Value.MaxVariablesPerSpace)
        {
            return ApiError.BadRequest("too_many_entries", "The new Space would hold more secrets or variables than a Space may");
        }

        db.SpaceVariables.AddRange(newVariables.Values);
        db.SpaceSecrets.AddRange(newSecrets.Values);
        audit.Add(DuplicatedEvent(context, caller, source, copy, variables.Count));
        // The copy with its configuration and its event, one commit; the Space's files come along, as on the hub.
        if (!await create.ExecuteAsync(copy, copyOf: source, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiError.Conflict("repo_exists", "You already created this space repo");
        }

        var url = $"{context.Request.Scheme}://{context.Request.Host}/spaces/{copy.FullName}";
        return TypedResults.Ok(new DuplicatedSpace(url, copy.FullName, copy.Id));
    }

    /// <summary>
    /// Writing secrets or variables into the copy is what POST /secrets does: the same permission on the new Space
    /// (a contributor may create a Space in an org but not configure its secrets). Null when allowed or not asked.
    /// </summary>
    private static async Task<Denied?> MayConfigureAsync(DuplicateSpaceRequest request, Repository copy, Organization? org, OrgRole? callerRole,
        HttpContext context, AccessGuard guard)
    {
        if ((request.Secrets ?? []).Count + (request.Variables ?? []).Count == 0)
        {
            return null;
        }

        var copyFacts = new ResourceFacts
        {
            Kind = ResourceKind.Repo,
            Exists = true,
            Id = copy.Id,
            Public = !copy.Private,
            OwnerUserId = copy.OwnerIsOrg ? null : copy.OwnerId,
            Org = org,
            CallerRole = callerRole,
        };
        var configure = await guard.CheckAsync(context, Permissions.RepoSecretsWrite, copyFacts, $"space:{copy.FullName}").ConfigureAwait(false);
        return configure.Allowed ? null : AccessGuard.Deny(configure);
    }

    private static AuditEvent DuplicatedEvent(HttpContext context, Caller caller, Repository source, Repository copy, int variablesCopied) => new()
    {
        Action = "space.duplicate",
        ActorUserId = caller.User!.Id,
        TokenId = caller.Token?.Id,
        Ip = context.ClientIp(),
        Target = $"space:{copy.FullName}",
        OrgId = copy.OwnerIsOrg ? copy.OwnerId : null,
        Details = new Dictionary<string, string>
        {
            ["from"] = source.FullName,
            ["variablesCopied"] = variablesCopied.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    // The request's own checks: where the copy goes ("name" in the caller's namespace, or "namespace/name"),
    // and the shape of every secret and variable it brings.
    private static Invalid? CheckRequest(DuplicateSpaceRequest request, string callerName, out string toNs, out string toName)
    {
        var target = (request.Repository ?? "").Split('/');
        (toNs, toName) = target.Length switch
        {
            1 => (callerName, target[0]),
            2 => (target[0], target[1]),
            _ => ("", ""),
        };
        if (!NameRules.IsValidRepoName(toName) || toNs.Length == 0)
        {
            return ApiError.BadRequest("invalid_repo_name", "repository must be a valid 'namespace/name'");
        }

        foreach (var entry in (request.Secrets ?? []).Concat(request.Variables ?? []))
        {
            if (entry is null)
            {
                return ApiError.BadRequest("invalid_request", "secrets and variables are lists of {key, value, description?}");
            }

            if (SpaceConfigRules.Check(entry.Key, entry.Value, entry.Description) is { } invalid)
            {
                return invalid;
            }
        }

        return null;
    }

    /// <summary>The source's variables, then the ones the caller gave (which win), for the copy.</summary>
    private static Dictionary<string, SpaceVariable> CopiedVariables(IEnumerable<SpaceVariable> source, IEnumerable<SpaceConfigEntry> extra, string copyId, DateTimeOffset now)
    {
        var variables = source
            .Select(v => new SpaceVariable { RepoId = copyId, Key = v.Key, Value = v.Value, Description = v.Description, UpdatedAt = now })
            .ToDictionary(v => v.Key, StringComparer.Ordinal);
        foreach (var entry in extra)
        {
            variables[entry.Key!] = new SpaceVariable { RepoId = copyId, Key = entry.Key!, Value = entry.Value!, Description = entry.Description, UpdatedAt = now };
        }

        return variables;
    }

    /// <summary>The secrets the caller gave, sealed for the copy (the source's are never copied).</summary>
    private static Dictionary<string, SpaceSecret> SealedSecrets(IEnumerable<SpaceConfigEntry> secrets, SecretSealer sealer, string copyId, DateTimeOffset now)
    {
        var sealedSecrets = new Dictionary<string, SpaceSecret>(StringComparer.Ordinal);
        foreach (var entry in secrets)
        {
            var plaintext = System.Text.Encoding.UTF8.GetBytes(entry.Value!);
            sealedSecrets[entry.Key!] = sealer.SealNew(copyId, entry.Key!, plaintext, entry.Description, now);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        }

        return sealedSecrets;
    }
}
