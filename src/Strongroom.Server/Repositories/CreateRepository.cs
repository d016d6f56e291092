using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Data;
using Strongroom.Git.Storage;

namespace Strongroom.Server.Repositories;

/// <summary>
/// Creates a repository, for <c>POST /api/repos/create</c> and for a Space's duplication alike: its row, with
/// whatever the caller staged on the same context (its audit event, a copy's secrets and variables), in one
/// commit; then its git directory, empty or a copy of another's. Outside the slices because two of them use it.
/// </summary>
public sealed class CreateRepository(StrongroomDb db, GitRepositoryStore gitStore, AccessChanges changes, TimeProvider time)
{
    /// <summary>A new repository's row in the namespace of <paramref name="owner"/> or <paramref name="org"/> (one of them).</summary>
    public Repository NewRow(RepoType type, string name, User? owner, Organization? org, bool isPrivate, string? sdk, string createdByUserId)
    {
        var now = time.GetUtcNow();
        return new Repository
        {
            Id = Ids.New(),
            Type = type,
            Namespace = owner?.Name ?? org!.Name,
            Name = name,
            OwnerId = owner?.Id ?? org!.Id,
            OwnerIsOrg = org is not null,
            Private = isPrivate,
            Sdk = sdk,
            CreatedByUserId = createdByUserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Stores <paramref name="repo"/> and what is staged with it, then its files (a copy of <paramref name="copyOf"/>'s
    /// when given); false when its owner already has a repository of that type and name, whatever its case. When the
    /// files cannot be written, the row goes again, so that no repository is left without its git directory.
    /// </summary>
    public async Task<bool> ExecuteAsync(Repository repo, Repository? copyOf, CancellationToken cancellationToken)
    {
        if (await NameTakenAsync(repo, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        db.Repositories.Add(repo);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false); // the repository and what came with it, one commit
        }
        catch (DbUpdateException e) when (e.IsDuplicateKey())
        {
            return false;
        }

        changes.ResourcesChanged(); // an "absent" cached for its name is stale
        try
        {
            // Not with the request's token: a client hanging up must not leave a row without its git directory.
            await (copyOf is null
                ? gitStore.CreateAsync(repo, repo.CreatedAt, CancellationToken.None)
                : gitStore.CreateCopyAsync(copyOf, repo, repo.CreatedAt, CancellationToken.None)).ConfigureAwait(false);
        }
        catch
        {
            await db.Repositories.Where(r => r.Id == repo.Id).ExecuteDeleteAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return true;
    }

    // One name per owner and type whatever its case; a unique index on lower("Name") settles races.
    private Task<bool> NameTakenAsync(Repository repo, CancellationToken cancellationToken)
    {
        var key = NameRules.Key(repo.Name);
#pragma warning disable CA1862 // EF Core turns ToLower into SQL lower(); string.Equals with a comparison does not translate
        return db.Repositories.AnyAsync(r => r.Type == repo.Type && r.OwnerId == repo.OwnerId && r.Name.ToLower() == key, cancellationToken);
#pragma warning restore CA1862
    }
}
