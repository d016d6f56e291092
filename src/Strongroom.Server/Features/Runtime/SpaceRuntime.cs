using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Core.Secrets;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Workloads;

namespace Strongroom.Server.Features.Runtime;

/// <summary>
/// The one place Space secrets are opened: for a runner starting a Space. Every opening is audited
/// with the runner, the Space and the key names (never values). The workload token it issues acts on
/// that Space alone (see <c>Authorizer</c>) and dies unless the runner renews it.
/// </summary>
public sealed class SpaceRuntime(StrongroomDb db, SecretSealer sealer, ITokenStore tokens, VerifyToken verifyToken, IAuditLog audit,
    IOptions<TokenOptions> tokenOptions, IOptions<SpaceOptions> spaceOptions, TimeProvider time, RevokeWorkloadTokens revoke, ILogger<SpaceRuntime> logger)
{
    /// <summary>A start: the runtime's environment, or the key of a stored secret that does not authenticate.</summary>
    public sealed record StartOutcome(RuntimeStartResponse? Started, string? FailedKey);

    public async Task<StartOutcome> StartAsync(AccessToken runner, Repository space, string ip, CancellationToken cancellationToken)
    {
        var variables = await db.SpaceVariables.AsNoTracking().Where(v => v.RepoId == space.Id)
            .ToDictionaryAsync(v => v.Key, v => v.Value, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var stored = await db.SpaceSecrets.AsNoTracking().Where(s => s.RepoId == space.Id).OrderBy(s => s.Key)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var secrets = new Dictionary<string, string>(stored.Count, StringComparer.Ordinal);
        foreach (var secret in stored)
        {
            byte[] plaintext;
            try
            {
                plaintext = sealer.Open(space.Id, secret.Key, secret.Version, secret.Sealed);
            }
            catch (SecretIntegrityException)
            {
                logger.LogError("Secret {Key} of Space {Space} failed its integrity check; start refused", secret.Key, space.FullName);
                await audit.WriteAsync(Event("space.runtime.start", runner, space, ip, AuditOutcome.Failure,
                    new Dictionary<string, string> { ["failedKey"] = secret.Key }), cancellationToken).ConfigureAwait(false);
                return new StartOutcome(null, secret.Key);
            }

            try
            {
                secrets[secret.Key] = Encoding.UTF8.GetString(plaintext);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        // The workload token and the audit event of the opening commit together: no values leave
        // without their record, and the start costs one durable commit instead of two.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (workload, raw) = await IssueWorkloadTokenAsync(runner, space, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(Event("space.runtime.start", runner, space, ip, AuditOutcome.Success, new Dictionary<string, string>
        {
            ["secrets"] = string.Join(',', stored.Select(s => s.Key)),
            ["variables"] = string.Join(',', variables.Keys.Order(StringComparer.Ordinal)),
            ["workloadTokenId"] = workload.Id,
        }), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StartOutcome(new RuntimeStartResponse(variables, secrets, new WorkloadTokenView(raw, workload.ExpiresAt!.Value)), null);
    }

    /// <summary>Extends a live workload token this runner issued for this Space; null when there is none such.</summary>
    public async Task<DateTimeOffset?> RenewAsync(AccessToken runner, Repository space, string? presented, string ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = await FindWorkloadAsync(runner, space, presented, cancellationToken).ConfigureAwait(false);
        if (token is null || token.IsExpiredAt(now))
        {
            return null;
        }

        token.ExpiresAt = now + spaceOptions.Value.WorkloadTokenLifetime;
        // The Space's setting is read again, so turning write access off takes effect at the next renewal.
        token.Grant = Grant(space);
        audit.Add(Event("space.runtime.renew", runner, space, ip, AuditOutcome.Success,
            new Dictionary<string, string> { ["workloadTokenId"] = token.Id }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false); // the renewal and its event, one commit
        verifyToken.Forget(token.Hash);
        return token.ExpiresAt;
    }

    /// <summary>Revokes a workload token when its Space stops; false when there is no such token.</summary>
    public async Task<bool> StopAsync(AccessToken runner, Repository space, string? presented, string ip, CancellationToken cancellationToken)
    {
        var token = await FindWorkloadAsync(runner, space, presented, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return false;
        }

        audit.Add(Event("space.runtime.stop", runner, space, ip, AuditOutcome.Success,
            new Dictionary<string, string> { ["workloadTokenId"] = token.Id }));
        await revoke.ExecuteAsync([token], "space stopped", cancellationToken).ConfigureAwait(false); // the revocation and its event, one commit
        return true;
    }

    private async Task<(AccessToken Token, string Raw)> IssueWorkloadTokenAsync(AccessToken runner, Repository space, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (token, raw) = AccessToken.Mint(tokenOptions.Value.Prefix, TokenKind.Workload, TokenRole.FineGrained, "workload " + space.FullName,
            Grant(space), now, now + spaceOptions.Value.WorkloadTokenLifetime, createdBy: runner.Id);
        await tokens.AddAsync(token, cancellationToken).ConfigureAwait(false);
        return (token, raw);
    }

    /// <summary>Read the Space's repository; write it too only when its settings allow.</summary>
    private static FineGrainedGrant Grant(Repository space)
    {
        IReadOnlyList<string> permissions = space.WorkloadCanWrite
            ? [Permissions.RepoContentRead, Permissions.RepoWrite]
            : [Permissions.RepoContentRead];
        return new FineGrainedGrant { Scoped = [new ScopedGrant(new GrantEntity("space", space.FullName, space.Id), permissions)] };
    }

    private async Task<AccessToken?> FindWorkloadAsync(AccessToken runner, Repository space, string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || !TokenFormat.TryParse(presented, tokenOptions.Value.Prefix, out var kind) || kind != TokenKind.Workload)
        {
            return null;
        }

        var hash = TokenFormat.Hash(presented);
        var token = await db.Tokens.FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken).ConfigureAwait(false);
        return token is { Kind: TokenKind.Workload, Status: TokenStatus.Active } && token.CreatedBy == runner.Id && token.WorkloadSpaceId == space.Id
            ? token
            : null;
    }

    private static AuditEvent Event(string action, AccessToken runner, Repository space, string ip, string outcome, Dictionary<string, string> details)
    {
        details["runner"] = runner.DisplayName;
        return new AuditEvent
        {
            Action = action,
            Outcome = outcome,
            TokenId = runner.Id,
            Ip = ip,
            Target = "space:" + space.FullName,
            OrgId = space.OwnerIsOrg ? space.OwnerId : null,
            Details = details,
        };
    }
}
