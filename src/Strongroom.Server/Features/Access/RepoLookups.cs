using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;

namespace Strongroom.Server.Features.Access;

/// <summary>
/// A repository and its owning org by type and name, as <see cref="AccessGuard"/> needs them: one compiled
/// query, its answers (absent included) kept per caller for at most <see cref="TokenOptions.CacheTtl"/> and
/// dropped when <see cref="AccessChanges.ResourceVersion"/> moves. Per caller, so that what one caller looked
/// up never makes another's answer faster: an absent and a private repository cost an outsider the same.
/// Anonymous lookups are not kept at all. Concurrent misses of one caller on one repository share one load
/// (as <see cref="TokenCache"/>'s do): when an entry expires under load, one query runs, not one per request
/// in flight, which made a burst of queries, and a latency spike, once per TTL.
/// </summary>
public sealed class RepoLookups(AccessChanges changes, IOptions<TokenOptions> options, TimeProvider time)
{
    /// <summary>Beyond this many entries, expired ones are swept out before another is kept; a full cache keeps nothing new.</summary>
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string Caller, RepoType Type, string Ns, string Name), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Caller, RepoType Type, string Ns, string Name), Task<Entry>> _loading = new();
    private readonly TimeSpan _ttl = options.Value.CacheTtl;

    /// <summary>The repository (null when absent) and its org (null for a user's repository).</summary>
    public sealed record Found(Repository? Repo, Organization? Org);

    private sealed record Entry(Found Found, long Version, long LoadedAt);

    /// <summary>The answer kept for this caller, or else one loaded through <paramref name="db"/> (asked for only then).</summary>
    public async Task<Found> FindAsync(Func<StrongroomDb> db, Caller caller, RepoType type, string ns, string name, CancellationToken cancellationToken)
    {
        var callerKey = caller.User?.Id ?? caller.Token?.Id;
        if (callerKey is null || _ttl <= TimeSpan.Zero)
        {
            return await LoadAsync(db(), type, ns, name, cancellationToken).ConfigureAwait(false);
        }

        var key = (callerKey, type, ns, name);
        var version = changes.ResourceVersion;
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version && time.GetElapsedTime(entry.LoadedAt) < _ttl)
        {
            return entry.Found;
        }

        return await LoadSharedAsync(key, version, () => LoadAsync(db(), type, ns, name, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer of a load of this key already under way that began no earlier than <paramref name="version"/>, or else of <paramref name="load"/>.</summary>
    private async Task<Found> LoadSharedAsync((string Caller, RepoType Type, string Ns, string Name) key, long version, Func<Task<Found>> load, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _loading.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            try
            {
                var shared = await running.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (shared.Version >= version)
                {
                    return shared.Found;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The other request gave up or failed: load on our own below.
            }

            return Keep(key, new Entry(await load().ConfigureAwait(false), version, time.GetTimestamp())).Found;
        }

        try
        {
            var loaded = Keep(key, new Entry(await load().ConfigureAwait(false), version, time.GetTimestamp()));
            mine.SetResult(loaded);
            return loaded.Found;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            throw;
        }
        finally
        {
            _loading.TryRemove(KeyValuePair.Create(key, mine.Task));
        }
    }

    private Entry Keep((string Caller, RepoType Type, string Ns, string Name) key, Entry entry)
    {
        if (_entries.Count >= MaxEntries)
        {
            Sweep();
        }

        if (_entries.Count < MaxEntries)
        {
            _entries[key] = entry;
        }

        return entry;
    }

    private static async Task<Found> LoadAsync(StrongroomDb db, RepoType type, string ns, string name, CancellationToken cancellationToken)
    {
        // The repository and its owning org in one query: an absent and an invisible repository must cost
        // an anonymous caller the same, or timing tells which private names exist.
        var row = await (db switch
        {
            SqliteStrongroomDb sqlite => RepoQuery<SqliteStrongroomDb>.ByName(sqlite, type, ns, name, cancellationToken),
            PostgresStrongroomDb postgres => RepoQuery<PostgresStrongroomDb>.ByName(postgres, type, ns, name, cancellationToken),
            _ => RepoQuery<StrongroomDb>.ByName(db, type, ns, name, cancellationToken),
        }).ConfigureAwait(false);
        return row is null ? new Found(null, null) : new Found(row.Repo, row.Repo.OwnerIsOrg ? row.Org : null);
    }

    private void Sweep()
    {
        var version = changes.ResourceVersion;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Version != version || time.GetElapsedTime(entry.LoadedAt) >= _ttl)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    /// <summary>Compiled per concrete context: EF Core runs a compiled query only against the model it was compiled for.</summary>
    private static class RepoQuery<TDb> where TDb : StrongroomDb
    {
        public static readonly Func<TDb, RepoType, string, string, CancellationToken, Task<Row?>> ByName = EF.CompileAsyncQuery(
            (TDb db, RepoType type, string ns, string name, CancellationToken _) => (
                from r in db.Repositories.AsNoTracking()
                where r.Type == type && r.Namespace == ns && r.Name == name
                join o in db.Organizations.AsNoTracking() on r.OwnerId equals o.Id into owners
                from o in owners.DefaultIfEmpty()
                select new Row { Repo = r, Org = o }).FirstOrDefault());
    }

    private sealed class Row
    {
        public required Repository Repo { get; init; }
        public Organization? Org { get; init; }
    }
}
