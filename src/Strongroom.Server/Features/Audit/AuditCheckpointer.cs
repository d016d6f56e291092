using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Kms;
using Strongroom.Data.Audit;

namespace Strongroom.Server.Features.Audit;

/// <summary>Signs the chain head with the KMS's checkpoint key when one is due (or on demand, before an export).</summary>
public sealed class AuditCheckpointer(IServiceScopeFactory scopes, AuditSealer sealer, IKeyEncryptionService kms, IOptions<AuditOptions> options, TimeProvider time)
{
    /// <summary>Seals the events committed so far, then signs the head if due.</summary>
    /// <returns>The checkpoint written, or null when none was due (nothing new since the last one, when forced).</returns>
    public async Task<AuditCheckpoint?> WriteIfDueAsync(bool force, CancellationToken cancellationToken)
    {
        await sealer.SealPendingAsync(cancellationToken).ConfigureAwait(false);
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<AuditChainStore>();
        return await store.WriteCheckpointIfDueAsync(digest => kms.SignCheckpoint(digest), options.Value.CheckpointEvery,
            options.Value.CheckpointInterval, time.GetUtcNow(), force, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The checkpoint key's public half, for verifying.</summary>
    public ECDsa PublicKey()
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(kms.ExportCheckpointPublicKey(), out _);
        return key;
    }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo).</summary>
    public string PublicKeyPem() => PemEncoding.WriteString("PUBLIC KEY", kms.ExportCheckpointPublicKey());
}
