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
}
