using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Secrets;
using Strongroom.Data;

namespace Strongroom.Server.Features.Spaces;

/// <summary>What a write did.</summary>
public enum SpaceConfigWriteOutcome
{
    Created,
    Updated,
    /// <summary>The Space already holds as many entries as it may.</summary>
    LimitReached,
    /// <summary>Concurrent writers kept winning, or the Space went away meanwhile.</summary>
    Conflict,
}

/// <summary>
/// Upserts a Space's secrets (sealed per value by <see cref="SecretSealer"/>) and variables. An update
/// bumps the secret's version, which the seal binds, and is conditional on the version it read, so two
/// writers racing on one key never leave a value sealed for the wrong version.
/// </summary>
public sealed class SpaceConfigWriter(StrongroomDb db, SecretSealer sealer, IOptions<SpaceOptions> options, TimeProvider time)
{
    private const int Attempts = 3;

    public async Task<SpaceConfigWriteOutcome> PutSecretAsync(string repoId, string key, string value, string? description, CancellationToken cancellationToken)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var plaintext = new ArraySegment<byte>(buffer, 0, Encoding.UTF8.GetBytes(value, buffer));
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                db.ChangeTracker.Clear();
                var existing = await db.SpaceSecrets.AsNoTracking()
                    .Where(s => s.RepoId == repoId && s.Key == key)
                    .Select(s => new StoredSecret(s.Version, s.Description))
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                var outcome = existing is null
                    ? await TryCreateSecretAsync(repoId, key, plaintext, description, cancellationToken).ConfigureAwait(false)
                    : await TryUpdateSecretAsync(repoId, key, existing, plaintext, description, cancellationToken).ConfigureAwait(false);
                if (outcome is { } done)
                {
                    return done;
                }
            }

            return SpaceConfigWriteOutcome.Conflict;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed record StoredSecret(int Version, string? Description);

    /// <summary>Inserts the secret at version 1; null when another writer inserted the key first (try again).</summary>
    private async Task<SpaceConfigWriteOutcome?> TryCreateSecretAsync(string repoId, string key, ArraySegment<byte> plaintext, string? description,
        CancellationToken cancellationToken)
    {
        if (await db.SpaceSecrets.CountAsync(s => s.RepoId == repoId, cancellationToken).ConfigureAwait(false) >= options.Value.MaxSecretsPerSpace)
        {
            return SpaceConfigWriteOutcome.LimitReached;
        }

        db.SpaceSecrets.Add(sealer.SealNew(repoId, key, plaintext, description, time.GetUtcNow()));
        return await TrySaveAsync(cancellationToken).ConfigureAwait(false) ? SpaceConfigWriteOutcome.Created : null;
    }

    /// <summary>Reseals the secret at the next version, if it is still at the one read; null when another writer moved it (try again).</summary>
    private async Task<SpaceConfigWriteOutcome?> TryUpdateSecretAsync(string repoId, string key, StoredSecret existing, ArraySegment<byte> plaintext,
        string? description, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var version = existing.Version + 1;
        var resealed = sealer.Seal(repoId, key, version, plaintext);
        var newDescription = description ?? existing.Description;
        var updated = await db.SpaceSecrets
            .Where(s => s.RepoId == repoId && s.Key == key && s.Version == existing.Version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Version, version)
                .SetProperty(x => x.Ciphertext, resealed.Ciphertext)
                .SetProperty(x => x.WrappedDataKey, resealed.WrappedDataKey)
                .SetProperty(x => x.KmsKeyVersion, resealed.KmsKeyVersion)
                .SetProperty(x => x.Description, newDescription)
                .SetProperty(x => x.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        return updated == 1 ? SpaceConfigWriteOutcome.Updated : null;
    }

    public async Task<SpaceConfigWriteOutcome> PutVariableAsync(string repoId, string key, string value, string? description, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            var updated = await db.SpaceVariables
                .Where(v => v.RepoId == repoId && v.Key == key)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Value, value)
                    .SetProperty(x => x.Description, x => description ?? x.Description)
                    .SetProperty(x => x.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
            if (updated == 1)
            {
                return SpaceConfigWriteOutcome.Updated;
            }

            if (await db.SpaceVariables.CountAsync(v => v.RepoId == repoId, cancellationToken).ConfigureAwait(false) >= options.Value.MaxVariablesPerSpace)
            {
                return SpaceConfigWriteOutcome.LimitReached;
            }

            db.SpaceVariables.Add(new SpaceVariable { RepoId = repoId, Key = key, Value = value, Description = description, UpdatedAt = now });
            if (await TrySaveAsync(cancellationToken).ConfigureAwait(false))
            {
                return SpaceConfigWriteOutcome.Created;
            }
        }

        return SpaceConfigWriteOutcome.Conflict;
    }

    /// <summary>Saves an insert; false when another writer inserted the same key first (or the Space is gone).</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
