using Microsoft.Extensions.Time.Testing;
using Strongroom.Core.Sessions;

namespace Strongroom.Core.Tests.Passwords;

public sealed class LoginThrottleTests
{
    [Fact]
    public void IsAllowed_AfterMaxFailuresForUser_IsFalseUntilWindowPasses()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < LoginThrottle.MaxFailuresPerUser; i++)
        {
            Assert.True(throttle.IsAllowed("alice", "10.0.0.1", out _));
            throttle.RecordFailure("alice", "10.0.0.1");
        }

        Assert.False(throttle.IsAllowed("Alice", "10.0.0.2", out var retry));
        Assert.True(retry > TimeSpan.Zero);
        Assert.True(throttle.IsAllowed("bob", "10.0.0.2", out _));

        time.Advance(LoginThrottle.Window);

        Assert.True(throttle.IsAllowed("alice", "10.0.0.1", out _));
    }

    [Fact]
    public void IsAllowed_AfterMaxFailuresFromIp_BlocksEveryUserFromThatIp()
    {
        var throttle = new LoginThrottle(new FakeTimeProvider());
        for (var i = 0; i < LoginThrottle.MaxFailuresPerIp; i++)
        {
            throttle.RecordFailure("user" + i, "10.0.0.9");
        }

        Assert.False(throttle.IsAllowed("someone-new", "10.0.0.9", out _));
        Assert.True(throttle.IsAllowed("someone-new", "10.0.0.8", out _));
    }

    [Fact]
    public void RecordFailure_ManyMadeUpNamesAndAddresses_ForgetsThoseOutsideTheWindow()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < 3000; i++)
        {
            throttle.RecordFailure("guess" + i, "10.1." + (i / 256) + "." + (i % 256));
        }

        var afterSpray = throttle.TrackedKeys;
        time.Advance(LoginThrottle.Window + TimeSpan.FromSeconds(1));
        for (var i = 0; i < 2048; i++)
        {
            throttle.RecordFailure("alice", "10.0.0.1");
        }

        Assert.True(afterSpray >= 5000, $"{afterSpray} keys after the spray");
        Assert.True(throttle.TrackedKeys <= 2, $"{throttle.TrackedKeys} keys kept after the window passed");
        Assert.False(throttle.IsAllowed("alice", "10.0.0.1", out _));
    }
}
