using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Strongroom.Core.Tokens;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// Tokens' last use (time and client address), kept off the request path: a request notes the use in
/// memory, and <see cref="TokenUsesFlush"/> writes what changed about once a second, the latest use of
/// each token only. A use is noted when <see cref="TokenOptions.LastUsedResolution"/> has passed since
/// the last one noted, or the address differs.
/// </summary>
public sealed class TokenUses(IOptions<TokenOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Use> _noted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Use> _pending = new(StringComparer.Ordinal);
    private readonly TimeSpan _resolution = options.Value.LastUsedResolution;

    /// <summary>One use to write.</summary>
    public sealed record Use(DateTimeOffset At, IPAddress? Ip)
    {
        /// <summary>The address as the audit log and the token list show it.</summary>
        public string IpText => Ip?.ToString() ?? "unknown";
    }

    /// <summary>Notes a use; allocates only when there is something new to write.</summary>
    public void Note(string tokenId, IPAddress? ip)
    {
        var now = time.GetUtcNow();
        if (_noted.TryGetValue(tokenId, out var last) && now - last.At < _resolution && Equals(last.Ip, ip))
        {
            return;
        }

        var use = new Use(now, ip);
        _noted[tokenId] = use;
        _pending[tokenId] = use;
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
