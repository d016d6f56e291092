using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;

namespace Strongroom.Core.Tokens;

/// <summary>
/// This node's verified tokens by digest, each an immutable snapshot (token, owner, the owner's orgs) stamped
/// with the <see cref="AccessChanges.CallerVersion"/> read before it was loaded and served for at most
/// <see cref="TokenOptions.CacheTtl"/>. Concurrent misses on one token share one load, so an expiring entry
/// under load costs one query, not one per request.
/// </summary>
public sealed class TokenCache(AccessChanges changes, IOptions<TokenOptions> options, TimeProvider time)
{
    /// <summary>Every this many stores, entries past their lifetime are swept out.</summary>
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<TokenDigest, Entry> _entries = new();
    private readonly ConcurrentDictionary<TokenDigest, Task<Entry?>> _loading = new();
    private readonly TimeSpan _ttl = options.Value.CacheTtl;
    private int _stores;

    /// <summary>A snapshot loaded at <paramref name="Version"/>; <paramref name="LoadedAt"/> is a <see cref="TimeProvider"/> timestamp.</summary>
    public sealed record Entry(StoredToken Stored, TokenVerification Verified, long Version, long LoadedAt);

    /// <summary>The current entry, if loaded since the last change on this node and younger than the TTL.</summary>
    public bool TryGet(TokenDigest digest, out Entry entry)
    {
        if (_entries.TryGetValue(digest, out entry!) && entry.Version == changes.CallerVersion && time.GetElapsedTime(entry.LoadedAt) < _ttl)
        {
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>
    /// The entry from <paramref name="load"/>, or from a load of the same token already under way that began
    /// no earlier than the last change; null when the token is not stored.
    /// </summary>
    public async Task<Entry?> LoadAsync(TokenDigest digest, Func<long, Task<Entry?>> load, CancellationToken cancellationToken)
    {
        var version = changes.CallerVersion;
        var mine = new TaskCompletionSource<Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _loading.GetOrAdd(digest, mine.Task);
        if (running != mine.Task)
        {
            try
            {
                var shared = await running.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (shared is null || shared.Version >= version)
                {
                    return shared;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The other request gave up or failed: load on our own below.
            }

            return Store(digest, await load(version).ConfigureAwait(false));
        }

        try
        {
            var entry = Store(digest, await load(version).ConfigureAwait(false));
            mine.SetResult(entry);
            return entry;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            throw;
        }
        finally
        {
            _loading.TryRemove(KeyValuePair.Create(digest, mine.Task));
        }
    }

    /// <summary>Drops one token now (the version moves too, so a load under way is not kept either).</summary>
    public void Forget(TokenDigest digest)
    {
        changes.CallersChanged();
        _entries.TryRemove(digest, out _);
    }

    private Entry? Store(TokenDigest digest, Entry? entry)
    {
        if (entry is not null && _ttl > TimeSpan.Zero)
        {
            _entries[digest] = entry;
            if (Interlocked.Increment(ref _stores) % SweepEvery == 0)
            {
                Sweep();
            }
        }

        return entry;
    }

    private void Sweep()
    {
        var version = changes.CallerVersion;
        foreach (var (digest, entry) in _entries)
        {
            if (entry.Version != version || time.GetElapsedTime(entry.LoadedAt) >= _ttl)
            {
                _entries.TryRemove(KeyValuePair.Create(digest, entry));
            }
        }
    }
}
