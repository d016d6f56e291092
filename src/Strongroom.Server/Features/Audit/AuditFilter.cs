using System.Globalization;
using Strongroom.Data.Audit;

namespace Strongroom.Server.Features.Audit;

/// <summary>
/// The query string of every audit view: <c>from</c>, <c>to</c> (ISO 8601), <c>action</c> (exact, or a
/// prefix ending in <c>.*</c>, e.g. <c>token.*</c>), <c>actor</c> (a user id), <c>target</c> (exact),
/// <c>hmac</c> (an HMAC of a searchable value, <c>hmac-sha256:…</c>, found in the details),
/// <c>cursor</c> (a seq: events before it), <c>limit</c> (1-1000, default 100).
/// </summary>
public sealed record AuditFilter(DateTimeOffset? From, DateTimeOffset? To, string? Action, string? Actor, string? Target, long? Cursor, int Limit)
{
    /// <summary>An HMAC of a searchable value (see <c>AuditValueHasher</c>) the details must hold.</summary>
    public string? Hmac { get; init; }

    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The filter of a request, or the name of the parameter that is not valid.</summary>
    public static (AuditFilter? Filter, string? Invalid) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!TryTime(query["from"], out var from))
        {
            return (null, "from");
        }

        if (!TryTime(query["to"], out var to))
        {
            return (null, "to");
        }

        long? cursor = null;
        if (query["cursor"].ToString() is { Length: > 0 } c)
        {
            if (!long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return (null, "cursor");
            }

            cursor = value;
        }

        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, "limit");
        }

        var hmac = Text(query["hmac"]);
        if (hmac is not null && (!hmac.StartsWith(Strongroom.Core.Audit.AuditValueHasher.Prefix, StringComparison.Ordinal) || hmac.Length != 76))
        {
            return (null, "hmac");
        }

        return (new AuditFilter(from, to, Text(query["action"]), Text(query["actor"]), Text(query["target"]), cursor, limit) { Hmac = hmac }, null);
    }

    /// <summary>Narrows <paramref name="events"/> to this filter, newest first, one more than a page (to know whether another follows).</summary>
    public IQueryable<AuditRecord> Apply(IQueryable<AuditRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        events = events.Where(e => e.Seq != null);
        if (From is { } from)
        {
            var utc = from.ToUniversalTime();
            events = events.Where(e => e.Time >= utc);
        }

        if (To is { } to)
        {
            var utc = to.ToUniversalTime();
            events = events.Where(e => e.Time < utc);
        }

        if (Action is { } action)
        {
            events = action.EndsWith(".*", StringComparison.Ordinal)
                ? events.Where(e => e.Action.StartsWith(action.Substring(0, action.Length - 1)))
                : events.Where(e => e.Action == action);
        }

        events = Actor is { } actor ? events.Where(e => e.ActorUserId == actor) : events;
        events = Target is { } target ? events.Where(e => e.Target == target) : events;
        events = Hmac is { } hmac ? events.Where(e => e.DetailsJson != null && e.DetailsJson.Contains(hmac)) : events;
        events = Cursor is { } cursor ? events.Where(e => e.Seq < cursor) : events;
        return events.OrderByDescending(e => e.Seq).Take(Limit + 1);
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    private static bool TryTime(Microsoft.Extensions.Primitives.StringValues value, out DateTimeOffset? time)
    {
        time = null;
        if (value.ToString() is not { Length: > 0 } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }
}
