using System.Globalization;
using Strongroom.Core.Audit;

namespace Strongroom.Server.Features.Access;

/// <summary>
/// Denials of existing resources to callers without credentials, counted in memory per client address and
/// written by <see cref="AnonymousDenialsFlush"/> as one <c>authz.deny</c> event per address and interval.
/// One row per anonymous request would let anyone grow the audit log at will, and a write made only when the
/// resource exists would tell by its time whether a private repository is there.
/// </summary>
public sealed class AnonymousDenials
{
    /// <summary>Addresses tracked per interval; the rest are counted under one "other" entry.</summary>
    public const int MaxSources = 10_000;

    /// <summary>Distinct targets named per address in one event.</summary>
    public const int MaxTargetsPerSource = 5;

    private const string OtherSources = "other";

    private readonly Lock _lock = new();
    private Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public void Record(string ip, string target)
    {
        lock (_lock)
        {
            if (!_tallies.TryGetValue(ip, out var tally))
            {
                if (_tallies.Count >= MaxSources)
                {
                    ip = OtherSources;
                }

                tally = _tallies.TryGetValue(ip, out var other) ? other : _tallies[ip] = new Tally();
            }

            tally.Count++;
            if (tally.Targets.Count < MaxTargetsPerSource)
            {
                tally.Targets.Add(target);
            }
        }
    }

    /// <summary>Takes what was counted since the last call, as the audit events to write.</summary>
    public IReadOnlyList<AuditEvent> Drain()
    {
        Dictionary<string, Tally> drained;
        lock (_lock)
        {
            drained = _tallies;
            _tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        }

        return drained.Select(pair => new AuditEvent
        {
            Action = "authz.deny",
            Outcome = AuditOutcome.Denied,
            Ip = pair.Key == OtherSources ? null : pair.Key,
            Target = pair.Value.Targets.First(),
            Details = new Dictionary<string, string>
            {
                ["anonymous"] = "true",
                ["count"] = pair.Value.Count.ToString(CultureInfo.InvariantCulture),
                ["targets"] = string.Join(' ', pair.Value.Targets),
            },
        }).ToList();
    }

    private sealed class Tally
    {
        public int Count { get; set; }

        public HashSet<string> Targets { get; } = new(StringComparer.Ordinal);
    }
}
