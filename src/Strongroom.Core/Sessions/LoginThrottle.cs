namespace Strongroom.Core.Sessions;

/// <summary>
/// Slows password guessing without handing anyone a way to lock an owner out (OWASP ASVS V6.3):
/// <list type="bullet">
/// <item>Each (account, source address) pair gets <see cref="FreeFailuresPerPair"/> failures, then a delay
/// that doubles with every further failure, up to <see cref="MaxDelay"/>.</item>
/// <item>Failures from sources that never signed in to an account also count per account and per source
/// (many sources guessing one account; one source trying many accounts), with the same growing delays.</item>
/// <item>A source that signed in to the account before is known-good: failures from elsewhere, and its
/// own failures at other accounts, do not hold it back; only its own failures at this account do.</item>
/// </list>
/// An attempt is counted when it starts (<see cref="TryBegin"/>), not when its password check ends, so
/// concurrent attempts cannot slip past the limit while the slow hash runs. In memory per node: a fleet
/// multiplies the budget by its size, which still bounds guessing.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeFailuresPerPair = 5;
    public const int FreeFailuresPerAccount = 20;
    public const int FreeFailuresPerSource = 20;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>A counter with no attempt for this long starts again from zero.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    /// <summary>How long a successful sign-in keeps its source known-good for that account.</summary>
    public static readonly TimeSpan KnownGoodFor = TimeSpan.FromDays(30);

    private const int SweepEvery = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _knownGood = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>Counters and known-good pairs held now (bounded by sweeping what is stale).</summary>
    public int TrackedKeys
    {
        get
        {
            lock (_lock)
            {
                return _counters.Count + _knownGood.Count;
            }
        }
    }

    /// <summary>
    /// Starts an attempt for <paramref name="account"/> from <paramref name="source"/>: counts it as a failure
    /// until <see cref="Succeeded"/> says otherwise. Null, with how long to wait, when it must not proceed.
    /// </summary>
    public LoginAttempt? TryBegin(string account, string source, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var keys = new LoginAttempt(account.ToLowerInvariant(), source);
        lock (_lock)
        {
            // Refused attempts count towards a sweep too: a flood of them must not keep stale keys alive.
            if (++_sinceSweep >= SweepEvery)
            {
                _sinceSweep = 0;
                Sweep(now);
            }

            var knownGood = _knownGood.TryGetValue(keys.PairKey, out var since) && now - since < KnownGoodFor;
            retryAfter = Wait(keys.PairKey, FreeFailuresPerPair, now);
            if (!knownGood)
            {
                retryAfter = Max(retryAfter, Wait(keys.AccountKey, FreeFailuresPerAccount, now));
                retryAfter = Max(retryAfter, Wait(keys.SourceKey, FreeFailuresPerSource, now));
            }

            if (retryAfter > TimeSpan.Zero)
            {
                return null;
            }

            Count(keys.PairKey, now);
            if (!knownGood)
            {
                Count(keys.AccountKey, now);
                Count(keys.SourceKey, now);
            }

            return keys with { KnownGood = knownGood };
        }
    }

    /// <summary>The attempt was right: its counts are taken back and its source becomes known-good for the account.</summary>
    public void Succeeded(LoginAttempt attempt)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _counters.Remove(attempt.PairKey);
            if (!attempt.KnownGood)
            {
                Uncount(attempt.AccountKey);
                Uncount(attempt.SourceKey);
            }

            _knownGood[attempt.PairKey] = now;
        }
    }

    private TimeSpan Wait(string key, int free, DateTimeOffset now)
    {
        if (!_counters.TryGetValue(key, out var counter) || now - counter.Last >= ForgetAfter)
        {
            return TimeSpan.Zero;
        }

        var over = counter.Failures - free;
        if (over < 0)
        {
            return TimeSpan.Zero;
        }

        // 1 s after the first failure past the allowance, then 2 s, 4 s, ... up to MaxDelay.
        var delay = over >= 20 ? MaxDelay : TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << over, MaxDelay.Ticks));
        var until = counter.Last + delay;
        return until > now ? until - now : TimeSpan.Zero;
    }

    private void Count(string key, DateTimeOffset now)
    {
        if (!_counters.TryGetValue(key, out var counter) || now - counter.Last >= ForgetAfter)
        {
            counter = new Counter();
        }

        counter.Failures++;
        counter.Last = now;
        _counters[key] = counter;
    }

    private void Uncount(string key)
    {
        if (_counters.TryGetValue(key, out var counter) && --counter.Failures <= 0)
        {
            _counters.Remove(key);
        }
    }

    /// <summary>Forgets stale counters and known-good pairs, so made-up names or addresses cannot grow the tables without bound.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (now - counter.Last >= ForgetAfter)
            {
                _counters.Remove(key);
            }
        }

        foreach (var (key, since) in _knownGood)
        {
            if (now - since >= KnownGoodFor)
            {
                _knownGood.Remove(key);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Counter
    {
        public int Failures { get; set; }

        public DateTimeOffset Last { get; set; }
    }
}
