using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Contracts;

namespace Strongroom.Server.Features.Tokens;

/// <summary>
/// Checks a requested fine-grained grant and pins each entity to its id. A person may scope a token
/// only to themself, an org they belong to, or a repository they can see.
/// </summary>
public sealed class GrantResolver(StrongroomDb db, IOptions<TokenOptions> options)
{
    private const int MaxScoped = 100;
    private const int MaxPermissions = 50;

    public async Task<FineGrainedGrant> ResolveAsync(User owner, GrantDto? dto, CancellationToken cancellationToken)
    {
        if (dto is null)
        {
            return FineGrainedGrant.Empty;
        }

        var global = CheckPermissions(dto.Global ?? []);
        var scoped = new List<ScopedGrant>();
        if ((dto.Scoped?.Count ?? 0) > MaxScoped)
        {
            throw new TokenRequestException("invalid_grant", $"At most {MaxScoped} scoped entries");
        }

        foreach (var entry in dto.Scoped ?? [])
        {
            if (entry?.Entity is null || string.IsNullOrEmpty(entry.Entity.Type))
            {
                throw new TokenRequestException("invalid_grant", "Each scoped entry needs an entity {type, name}");
            }

            var permissions = CheckPermissions(entry.Permissions ?? []);
            var entity = await ResolveEntityAsync(owner, entry.Entity, cancellationToken).ConfigureAwait(false);
            scoped.Add(new ScopedGrant(entity, permissions));
        }

        return new FineGrainedGrant { Global = global, Scoped = scoped, CanReadGatedRepos = dto.CanReadGatedRepos ?? false };
    }

    private List<string> CheckPermissions(IReadOnlyList<string> permissions)
    {
        if (permissions.Count > MaxPermissions)
        {
            throw new TokenRequestException("invalid_grant", $"At most {MaxPermissions} permissions per entry");
        }

        foreach (var permission in permissions)
        {
            if (permission is null || !options.Value.IsKnownPermission(permission))
            {
                throw new TokenRequestException("unknown_permission", $"Unknown permission: {Truncate(permission)}");
            }
        }

        return permissions.Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task<GrantEntity> ResolveEntityAsync(User owner, EntityDto entity, CancellationToken cancellationToken)
    {
        var name = entity.Name ?? "";
        switch (entity.Type)
        {
            case "user":
                if ((name.Length > 0 && name != owner.Name) || (entity.Id is not null && entity.Id != owner.Id))
                {
                    throw new TokenRequestException("invalid_grant", "A token can be scoped to its own user only");
                }

                return new GrantEntity("user", owner.Name, owner.Id);
            case "org":
                var org = await db.Organizations.AsNoTracking()
                    .FirstOrDefaultAsync(o => o.Name == name || o.Id == entity.Id, cancellationToken).ConfigureAwait(false);
                var member = org is not null && await db.Memberships.AnyAsync(m => m.OrgId == org.Id && m.UserId == owner.Id, cancellationToken).ConfigureAwait(false);
                if (!member)
                {
                    throw new TokenRequestException("invalid_grant", $"Not a member of organization {Truncate(name)}");
                }

                return new GrantEntity("org", org!.Name, org.Id);
            case "model" or "dataset" or "space":
                var type = RepoTypes.Parse(entity.Type);
                var parts = name.Split('/');
                var repo = parts.Length == 2
                    ? await db.Repositories.AsNoTracking()
                        .FirstOrDefaultAsync(r => r.Type == type && r.Namespace == parts[0] && r.Name == parts[1], cancellationToken)
                        .ConfigureAwait(false)
                    : entity.Id is not null
                        ? await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Type == type && r.Id == entity.Id, cancellationToken).ConfigureAwait(false)
                        : null;
                if (repo is null || !await CanSeeAsync(owner, repo, cancellationToken).ConfigureAwait(false))
                {
                    throw new TokenRequestException("invalid_grant", MissingRepo(entity.Type, name));
                }

                return new GrantEntity(entity.Type, repo.FullName, repo.Id);
            default:
                throw new TokenRequestException("invalid_grant", "Entity type must be user, org, model, dataset or space");
        }
    }

    private async Task<bool> CanSeeAsync(User owner, Repository repo, CancellationToken cancellationToken)
    {
        var role = repo.OwnerIsOrg
            ? (await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.OrgId == repo.OwnerId && m.UserId == owner.Id, cancellationToken).ConfigureAwait(false))?.Role
            : null;
        var facts = new ResourceFacts
        {
            Kind = ResourceKind.Repo, Exists = true, Id = repo.Id, Public = !repo.Private, OwnerUserId = repo.OwnerIsOrg ? null : repo.OwnerId, CallerRole = role,
        };
        return Authorizer.LiveLevel(owner, facts) != AccessLevel.None;
    }

    /// <summary>The same words whether it is absent or hidden (a grant must not reveal private names), with how to make one.</summary>
    internal static string MissingRepo(string type, string name)
    {
        var create = type == "space" ? $"strongroom repos create {name} --sdk gradio"
            : type == "dataset" ? $"strongroom repos create {name} --type dataset"
            : $"strongroom repos create {name}";
        return name.Split('/') is [var ns, var repoName] && NameRules.IsValidNamespace(ns) && NameRules.IsValidRepoName(repoName)
            ? $"The {type} {name} does not exist or is not visible to you; create it with '{create}' (or POST /api/repos/create)"
            : $"No {type} {Truncate(name)} visible to you";
    }

    private static string Truncate(string? value) => value is null ? "(null)" : value.Length <= 60 ? value : value[..60] + "…";
}
