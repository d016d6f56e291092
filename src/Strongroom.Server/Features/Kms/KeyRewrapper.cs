using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Kms;
using Strongroom.Core.Secrets;
using Strongroom.Data;

using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Kms;

/// <summary>
/// Moves every Space secret's and webhook signing secret's data key to the KMS primary version, without
/// opening a value (webhooks: <see cref="WebhookKeyRewrap"/>, after the Space secrets, the same way). A pass
/// walks the secrets still under another version in key order, a batch at a time: each batch is
/// rewrapped, then written back (see <see cref="RewrapStatement"/>) with a condition per row that the
/// row still holds the secret version and KMS version it was read with, and committed. A user's write in between always wins
/// (it reseals under the primary anyway). Every row is at all times either under its old version,
/// which stays active until retired, or under the new one, so a crash anywhere loses nothing and the
/// next pass resumes. On PostgreSQL one node of the fleet runs a pass at a time (<see cref="FleetLock"/>).
/// A row whose wrapped key does not open is logged (by Space id and key name,
/// never a value), counted as failed, and passed over.
/// </summary>
public sealed partial class KeyRewrapper(
    IServiceScopeFactory scopes,
    SecretSealer sealer,
    IKeyEncryptionService kms,
    IOptions<KmsRewrapOptions> options,
    TimeProvider time,
    ILogger<KeyRewrapper> logger) : IDisposable
{
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly WakeSignal _requests = new();

    /// <summary>A pass is in progress.</summary>
    public bool IsRunning => _pass.CurrentCount == 0;

    /// <summary>What the last finished pass did; null before the first.</summary>
    public RewrapPassResult? LastPass { get; private set; }

    /// <summary>Asks the background job for a pass soon (several requests before it wakes make one pass).</summary>
    public void RequestPass() => _requests.Wake();

    internal WakeSignal Requests => _requests;

    /// <summary>Runs one pass over every secret not under the primary version; one pass at a time.</summary>
    public async Task<RewrapPassResult> RunPassAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One node of the fleet runs the pass; the others skip it (their interval brings them back).
            await using var lockScope = scopes.CreateAsyncScope();
            await using var fleetLock = await FleetLock.TryAcquireAsync(
                lockScope.ServiceProvider.GetRequiredService<StrongroomDb>(), FleetLock.KmsRewrap, cancellationToken).ConfigureAwait(false);
            if (fleetLock is null)
            {
                LogRanElsewhere();
                return LastPass = new RewrapPassResult(0, 0, 0, RanElsewhere: true);
            }

            var result = await PassAsync(cancellationToken).ConfigureAwait(false);
            LastPass = result;
            if (result.Rewrapped + result.Failed + result.Conflicts > 0)
            {
                LogPass(result.Rewrapped, result.Conflicts, result.Failed, kms.PrimaryVersion);
            }

            return result;
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose() => _pass.Dispose();

    private async Task<RewrapPassResult> PassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var total = new RewrapPassResult(0, 0, 0);
        (string RepoId, string Key)? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Listing rescans the KMS, so a rotation made by another node is seen before the batch.
            _ = kms.ListVersions();
            var primary = kms.PrimaryVersion;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            var batch = await ReadBatchAsync(db, primary, after, settings.RewrapBatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return Add(total, await WebhookPassAsync(cancellationToken).ConfigureAwait(false));
            }

            total = Add(total, await WriteBatchAsync(db, batch, cancellationToken).ConfigureAwait(false));
            if (batch.Count < settings.RewrapBatchSize)
            {
                return Add(total, await WebhookPassAsync(cancellationToken).ConfigureAwait(false));
            }

            // Keyset paging, not "the first N still old": a failed row would otherwise come back forever.
            after = (batch[^1].RepoId, batch[^1].Key);
            if (settings.RewrapPause > TimeSpan.Zero)
            {
                await Task.Delay(settings.RewrapPause, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static RewrapPassResult Add(RewrapPassResult a, RewrapPassResult b) =>
        new(a.Rewrapped + b.Rewrapped, a.Conflicts + b.Conflicts, a.Failed + b.Failed);

    private async Task<RewrapPassResult> WebhookPassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var total = new RewrapPassResult(0, 0, 0);
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = kms.ListVersions();
            var primary = kms.PrimaryVersion;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            var batch = await WebhookKeyRewrap.ReadBatchAsync(db, primary, after, settings.RewrapBatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return total;
            }

            var failed = 0;
            var moved = new List<(WebhookKeyRewrap.Row, SealedSecret)>(batch.Count);
            foreach (var row in batch)
            {
                try
                {
                    moved.Add((row, sealer.Rewrap(new SealedSecret([], row.WrappedDataKey, row.KmsKeyVersion))));
                }
                catch (Exception ex) when (ex is SecretIntegrityException or KmsKeyStateException)
                {
                    failed++;
                    LogWebhookFailed(row.Id, row.KmsKeyVersion, ex.GetType().Name);
                }
            }

            var written = await WebhookKeyRewrap.WriteBatchAsync(db, moved, cancellationToken).ConfigureAwait(false);
            total = Add(total, new RewrapPassResult(written, moved.Count - written, failed));
            if (batch.Count < settings.RewrapBatchSize)
            {
                return total;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// Up to <paramref name="size"/> secrets under a version older than <paramref name="primary"/>, after
    /// a key, in key order; values are not read. Only older: the primary is always the highest version,
    /// so a node that has not yet seen a rotation never moves keys back down.
    /// </summary>
    internal static async Task<List<RewrapRow>> ReadBatchAsync(StrongroomDb db, int primary, (string RepoId, string Key)? after, int size, CancellationToken cancellationToken)
    {
        var query = db.SpaceSecrets.AsNoTracking().Where(s => s.KmsKeyVersion < primary);
        if (after is var (repoId, key))
        {
            query = query.Where(s => s.RepoId.CompareTo(repoId) > 0 || (s.RepoId == repoId && s.Key.CompareTo(key) > 0));
        }

        return await query
            .OrderBy(s => s.RepoId).ThenBy(s => s.Key)
            .Take(size)
            .Select(s => new RewrapRow(s.RepoId, s.Key, s.Version, s.WrappedDataKey, s.KmsKeyVersion))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rewraps <paramref name="rows"/> as read earlier and writes each back only where the row is
    /// unchanged since; commits once.
    /// </summary>
    internal async Task<RewrapPassResult> WriteBatchAsync(StrongroomDb db, IReadOnlyList<RewrapRow> rows, CancellationToken cancellationToken)
    {
        var rewrapped = 0;
        var failed = 0;
        var moved = new List<(RewrapRow Row, SealedSecret Moved)>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                // The ciphertext is not needed to move the data key; it stays as stored.
                moved.Add((row, sealer.Rewrap(new SealedSecret([], row.WrappedDataKey, row.KmsKeyVersion))));
            }
            catch (Exception ex) when (ex is SecretIntegrityException or KmsKeyStateException)
            {
                failed++;
                LogRowFailed(row.RepoId, row.Key, row.KmsKeyVersion, ex.GetType().Name);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in moved.Chunk(RewrapStatement.MaxRowsPerStatement))
        {
            rewrapped += await RewrapStatement.ExecuteAsync(db, chunk, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RewrapPassResult(rewrapped, moved.Count - rewrapped, failed);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "KMS rewrap pass skipped: another node holds the fleet lock")]
    private partial void LogRanElsewhere();

    [LoggerMessage(Level = LogLevel.Information, Message = "KMS rewrap pass: {Rewrapped} data keys moved to version {Primary}, {Conflicts} changed meanwhile, {Failed} failed")]
    private partial void LogPass(int rewrapped, int conflicts, int failed, int primary);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "KMS rewrap: the wrapped data key of secret {Key} of Space {RepoId} (KMS version {Version}) does not open ({Reason}); passed over")]
    private partial void LogRowFailed(string repoId, string key, int version, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "KMS rewrap: the wrapped data key of webhook {WebhookId}'s signing secret (KMS version {Version}) does not open ({Reason}); passed over")]
    private partial void LogWebhookFailed(string webhookId, int version, string reason);
}
