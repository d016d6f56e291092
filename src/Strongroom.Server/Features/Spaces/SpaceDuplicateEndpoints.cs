using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Secrets;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Git.Storage;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Spaces;

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
        routes.MapPost("/api/spaces/{ns}/{name}/duplicate", DuplicateAsync)
            .WithTags("Space secrets and variables")
            .Produces<DuplicatedSpace>().Produces<ApiError>(400).Produces<ApiError>(404).Produces<ApiError>(409);
    }

    private static async Task<IResult> DuplicateAsync(string ns, string name, DuplicateSpaceRequest request, HttpContext context,
        StrongroomDb db, AccessGuard guard, SecretSealer sealer, IOptions<SpaceOptions> options, IAuditLog audit, TimeProvider time, GitRepositoryStore gitStore)
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

        var secrets = request.Secrets ?? [];
        var extraVariables = request.Variables ?? [];

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

        var copyId = Ids.New();
        if (secrets.Count + extraVariables.Count > 0)
        {
            // Writing secrets or variables into the copy is what POST /secrets does: the same permission on
            // the new Space (a contributor may create a Space in an org but not configure its secrets).
            var copyFacts = new ResourceFacts
            {
                Kind = ResourceKind.Repo,
                Exists = true,
                Id = copyId,
                Public = !(request.Private ?? source!.Private),
                OwnerUserId = owner?.Id,
                Org = org,
                CallerRole = namespaceFacts.CallerRole,
            };
            var configure = await guard.CheckAsync(context, Permissions.RepoSecretsWrite, copyFacts, $"space:{toNs}/{toName}").ConfigureAwait(false);
            if (!configure.Allowed)
            {
                return AccessGuard.Deny(configure);
            }
        }

        var variables = await db.SpaceVariables.AsNoTracking().Where(v => v.RepoId == source!.Id)
            .ToDictionaryAsync(v => v.Key, StringComparer.Ordinal, context.RequestAborted).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var copy = NewCopy(copyId, source!, toName, owner, org, request.Private ?? source!.Private, caller.User.Id, now);

        var newVariables = CopiedVariables(variables.Values, extraVariables, copy.Id, now);
        var newSecrets = SealedSecrets(secrets, sealer, copy.Id, now);

        if (newSecrets.Count > options.Value.MaxSecretsPerSpace || newVariables.Count > options.Value.MaxVariablesPerSpace)
        {
            return ApiError.BadRequest("too_many_entries", "The new Space would hold more secrets or variables than a Space may");
        }

        audit.Add(new AuditEvent
        {
            Action = "space.duplicate",
            ActorUserId = caller.User.Id,
            TokenId = caller.Token?.Id,
            Ip = context.ClientIp(),
            Target = $"space:{copy.FullName}",
            OrgId = copy.OwnerIsOrg ? copy.OwnerId : null,
            Details = new Dictionary<string, string> { ["from"] = source!.FullName, ["variablesCopied"] = variables.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        if (!await SaveCopyAsync(db, gitStore, source, copy, newVariables.Values, newSecrets.Values, now, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiError.Conflict("repo_exists", "You already created this space repo");
        }

        context.RequestServices.GetRequiredService<AccessChanges>().ResourcesChanged(); // an "absent" cached for its name is stale
        var url = $"{context.Request.Scheme}://{context.Request.Host}/spaces/{copy.FullName}";
        return Results.Ok(new DuplicatedSpace(url, copy.FullName, copy.Id));
    }

    // The new Space's row: the source's SDK, in the namespace the caller chose.
    private static Repository NewCopy(string id, Repository source, string name, User? owner, Organization? org, bool isPrivate, string createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        Type = RepoType.Space,
        Namespace = owner?.Name ?? org!.Name,
        Name = name,
        OwnerId = owner?.Id ?? org!.Id,
        OwnerIsOrg = org is not null,
        Private = isPrivate,
        Sdk = source.Sdk,
        CreatedByUserId = createdBy,
        CreatedAt = now,
        UpdatedAt = now,
    };

    // The request's own checks: where the copy goes ("name" in the caller's namespace, or "namespace/name"),
    // and the shape of every secret and variable it brings.
    private static IResult? CheckRequest(DuplicateSpaceRequest request, string callerName, out string toNs, out string toName)
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
            var sealedValue = sealer.Seal(copyId, entry.Key!, 1, plaintext);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
            sealedSecrets[entry.Key!] = new SpaceSecret
            {
                RepoId = copyId,
                Key = entry.Key!,
                Description = entry.Description,
                Version = 1,
                Ciphertext = sealedValue.Ciphertext,
                WrappedDataKey = sealedValue.WrappedDataKey,
                KmsKeyVersion = sealedValue.KmsKeyVersion,
                UpdatedAt = now,
            };
        }

        return sealedSecrets;
    }

    /// <summary>
    /// Stores the copy with its configuration and its audit event (one commit), then its files; false when
    /// the name is taken. A failure to copy the files removes the row again.
    /// </summary>
    private static async Task<bool> SaveCopyAsync(StrongroomDb db, GitRepositoryStore gitStore, Repository source, Repository copy,
        IEnumerable<SpaceVariable> variables, IEnumerable<SpaceSecret> secrets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Repositories.Add(copy);
        db.SpaceVariables.AddRange(variables);
        db.SpaceSecrets.AddRange(secrets);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (e.IsDuplicateKey())
        {
            return false;
        }

        try
        {
            // The Space's files come along, as on the hub; not with the request's token, so a client hanging up leaves no row without its content.
            await gitStore.CreateCopyAsync(source, copy, now, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await db.Repositories.Where(r => r.Id == copy.Id).ExecuteDeleteAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return true;
    }
}
