using System.Collections.Concurrent;

namespace Strongroom.Core.Sessions;

/// <summary>
/// Limits failed sign-ins per user name and per client address within a sliding window. In memory
/// per node: a fleet multiplies the budget by its size, which still bounds guessing.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int MaxFailuresPerUser = 5;
    public const int MaxFailuresPerIp = 20;

    /// <summary>Failures recorded between sweeps of keys whose window has passed.</summary>
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>User names and addresses with a failure still inside the window (or not yet swept).</summary>
    public int TrackedKeys => _failures.Count;

    /// <summary>Whether an attempt may proceed; when not, how long until it may.</summary>
    public bool IsAllowed(string userName, string ip, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var userWait = Wait("u:" + userName.ToLowerInvariant(), MaxFailuresPerUser, now);
        var ipWait = Wait("ip:" + ip, MaxFailuresPerIp, now);
        retryAfter = userWait > ipWait ? userWait : ipWait;
        return retryAfter == TimeSpan.Zero;
    }

    public void RecordFailure(string userName, string ip)
    {
        var now = time.GetUtcNow();
        Add("u:" + userName.ToLowerInvariant(), now);
        Add("ip:" + ip, now);
        if (Interlocked.Increment(ref _sinceSweep) >= SweepEvery)
        {
            Interlocked.Exchange(ref _sinceSweep, 0);
            Sweep(now);
        }
    }

    /// <summary>
    /// Forgets keys whose newest failure is outside the window, so guesses spread over many made-up
    /// user names or addresses cannot grow the table without bound.
    /// </summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, queue) in _failures)
        {
            bool expired;
            lock (queue)
            {
                expired = queue.Count == 0 || queue.Last() <= now - Window;
            }

            if (expired)
            {
                // Only if unchanged: a failure recorded meanwhile keeps the key.
                _failures.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(key, queue));
            }
        }
    }

    public void RecordSuccess(string userName) => _failures.TryRemove("u:" + userName.ToLowerInvariant(), out _);

    private TimeSpan Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return TimeSpan.Zero;
        }

        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() <= now - Window)
            {
                queue.Dequeue();
            }

            return queue.Count < limit ? TimeSpan.Zero : queue.Peek() + Window - now;
        }
    }

    private void Add(string key, DateTimeOffset now)
    {
        var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            queue.Enqueue(now);
            while (queue.Count > 64)
            {
                queue.Dequeue();
            }
        }
    }
}
