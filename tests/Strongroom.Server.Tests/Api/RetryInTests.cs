using Strongroom.Server.Features.Auth;

namespace Strongroom.Server.Tests.Api;

public sealed class RetryInTests
{
    [Theory]
    [InlineData(1, "in under a minute")]
    [InlineData(59, "in under a minute")]
    [InlineData(60, "in 1 minute")]
    [InlineData(61, "in 2 minutes")]
    [InlineData(900, "in 15 minutes")]
    public void RetryIn_Wait_SaysMinutesAPersonReads(int seconds, string expected) =>
        Assert.Equal(expected, SessionEndpoints.RetryIn(TimeSpan.FromSeconds(seconds)));
}
