using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Strongroom.Core.Tokens;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// Tokens' last use (time and client address), kept off the request path: a request notes the use in
/// memory, and <see cref="TokenUsesFlush"/> writes what changed about once a second, the latest use of
/// each token only. A use is noted when <see cref="TokenOptions.LastUsedResolution"/> has passed since
/// the last one noted, or the address differs. A token's first use from an address on a (UTC) day is
/// also kept for the audit log (<c>token.use</c>, written by <see cref="TokenFirstUsesFlush"/>): the log
/// shows where each token is used from without an event per request. "First" is as this node saw it
/// since it started: after a restart, or on another node, the same address may be recorded once more.
/// </summary>
public sealed class TokenUses(IOptions<TokenOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Use> _noted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Use> _pending = new(StringComparer.Ordinal);
    private readonly TimeSpan _resolution = options.Value.LastUsedResolution;
    private readonly ConcurrentDictionary<(string TokenId, IPAddress? Ip), DateOnly> _seenOn = new();
    private readonly ConcurrentQueue<FirstUse> _firstUses = new();

    /// <summary>At most this many (token, address) pairs are remembered; past it the memory starts again (a pair may be recorded twice in a day).</summary>
    private const int MaxRemembered = 100_000;

    /// <summary>A token's first use from an address on a day.</summary>
    public sealed record FirstUse(string TokenId, string? OwnerUserId, DateTimeOffset At, IPAddress? Ip, string? UserAgent);

    /// <summary>One use to write.</summary>
    public sealed record Use(DateTimeOffset At, IPAddress? Ip)
    {
        /// <summary>The address as the audit log and the token list show it.</summary>
        public string IpText => Ip?.ToString() ?? "unknown";
    }

    /// <summary>Notes a use; allocates only when there is something new to write.</summary>
    public void Note(string tokenId, string? ownerUserId, IPAddress? ip, string? userAgent)
    {
        var now = time.GetUtcNow();
        if (_noted.TryGetValue(tokenId, out var last) && now - last.At < _resolution && Equals(last.Ip, ip) && last.At.UtcDateTime.Date == now.UtcDateTime.Date)
        {
            return;
        }

        var use = new Use(now, ip);
        _noted[tokenId] = use;
        _pending[tokenId] = use;
        NoteFirstUse(tokenId, ownerUserId, now, ip, userAgent);
    }

    /// <summary>Takes the first uses not written yet.</summary>
    public IReadOnlyList<FirstUse> DrainFirstUses()
    {
        var drained = new List<FirstUse>();
        while (_firstUses.TryDequeue(out var first))
        {
            drained.Add(first);
        }

        return drained;
    }

    private void NoteFirstUse(string tokenId, string? ownerUserId, DateTimeOffset now, IPAddress? ip, string? userAgent)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (_seenOn.TryGetValue((tokenId, ip), out var seen) && seen == today)
        {
            return;
        }

        if (_seenOn.Count >= MaxRemembered)
        {
            _seenOn.Clear();
        }

        _seenOn[(tokenId, ip)] = today;
        _firstUses.Enqueue(new FirstUse(tokenId, ownerUserId, now, ip, userAgent));
    }

    /// <summary>Takes the uses not written yet, the latest per token.</summary>
    public IReadOnlyList<KeyValuePair<string, Use>> Drain()
    {
        var drained = new List<KeyValuePair<string, Use>>();
        foreach (var pending in _pending)
        {
            if (_pending.TryRemove(pending))
            {
                drained.Add(pending);
            }
        }

        return drained;
    }
}
