using Microsoft.Extensions.Time.Testing;
using Strongroom.Core.Sessions;

namespace Strongroom.Core.Tests.Passwords;

public sealed class LoginThrottleTests
{
    private const string Owner = "10.0.0.1";
    private const string Attacker = "203.0.113.9";

    [Fact]
    public void TryBegin_PastTheFreeFailuresOfAPair_WaitsLongerAfterEachFailure()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        Fail(throttle, "alice", Attacker, LoginThrottle.FreeFailuresPerPair);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(throttle.TryBegin("alice", Attacker, out var wait));
            waits.Add(wait);
            time.Advance(wait);
            Assert.NotNull(throttle.TryBegin("alice", Attacker, out _));
        }

        Assert.Equal([1, 2, 4, 8], waits.Select(w => (int)w.TotalSeconds));
    }

    [Fact]
    public void TryBegin_DelaysNeverExceedTheCap_AndAreForgottenAfterAQuietDay()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < 40; i++)
        {
            if (throttle.TryBegin("alice", Attacker, out var wait) is null)
            {
                Assert.True(wait <= LoginThrottle.MaxDelay);
                time.Advance(wait);
                Assert.NotNull(throttle.TryBegin("alice", Attacker, out _));
            }
        }

        Assert.Null(throttle.TryBegin("alice", Attacker, out var last));
        Assert.Equal(LoginThrottle.MaxDelay, last);

        time.Advance(LoginThrottle.ForgetAfter);
        Assert.NotNull(throttle.TryBegin("alice", Attacker, out _));
    }

    [Fact]
    public void TryBegin_OwnerFromAKnownGoodSource_IsNotHeldBackByAGuessingAttackFromElsewhere()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        throttle.Succeeded(throttle.TryBegin("alice", Owner, out _)!);

        // Many addresses guess at alice until the account-wide allowance is spent.
        for (var i = 0; i < LoginThrottle.FreeFailuresPerAccount + 5; i++)
        {
            throttle.TryBegin("alice", "198.51.100." + i, out _);
        }

        Assert.Null(throttle.TryBegin("Alice", "198.51.100.250", out var strangerWait));
        Assert.True(strangerWait > TimeSpan.Zero);
        Assert.NotNull(throttle.TryBegin("alice", Owner, out _));
    }

    [Fact]
    public void TryBegin_OneSourceGuessingManyAccounts_IsSlowedButNotItsKnownGoodUsers()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        throttle.Succeeded(throttle.TryBegin("bob", Attacker, out _)!); // bob signs in from behind the same NAT

        for (var i = 0; i < LoginThrottle.FreeFailuresPerSource; i++)
        {
            Assert.NotNull(throttle.TryBegin("user" + i, Attacker, out _));
        }

        Assert.Null(throttle.TryBegin("carol", Attacker, out _));
        Assert.NotNull(throttle.TryBegin("bob", Attacker, out _));
        Assert.NotNull(throttle.TryBegin("carol", Owner, out _));
    }

    [Fact]
    public void TryBegin_ManyConcurrentAttempts_LetsThroughExactlyTheFreeFailures()
    {
        var throttle = new LoginThrottle(new FakeTimeProvider());
        var admitted = 0;

        Parallel.For(0, 60, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            if (throttle.TryBegin("admin", Attacker, out _) is not null)
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(LoginThrottle.FreeFailuresPerPair, admitted);
    }

    [Fact]
    public void Succeeded_ClearsThePairAndTakesBackItsCounts()
    {
        var throttle = new LoginThrottle(new FakeTimeProvider());
        Fail(throttle, "alice", Owner, LoginThrottle.FreeFailuresPerPair - 1);

        throttle.Succeeded(throttle.TryBegin("alice", Owner, out _)!);

        Fail(throttle, "alice", Owner, LoginThrottle.FreeFailuresPerPair);
        Assert.Null(throttle.TryBegin("alice", Owner, out _));
    }

    [Fact]
    public void TrackedKeys_ManyMadeUpNames_StayBoundedAfterTheyAreForgotten()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < 3000; i++)
        {
            throttle.TryBegin("ghost" + i, "192.0.2." + (i % 200), out _);
        }

        time.Advance(LoginThrottle.ForgetAfter);
        for (var i = 0; i < 2100; i++)
        {
            throttle.TryBegin("late" + (i % 10), "192.0.2.1", out _);
        }

        Assert.True(throttle.TrackedKeys < 100, $"{throttle.TrackedKeys} keys tracked");
    }

    private static void Fail(LoginThrottle throttle, string account, string source, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.NotNull(throttle.TryBegin(account, source, out _));
        }
    }
}
