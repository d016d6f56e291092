using Strongroom.Cli.Client;

namespace Strongroom.Cli.Tests;

public sealed class ServerAddressTests
{
    [Theory]
    [InlineData("https://flag.example", "https://saved.example", "https://env.example", "https://flag.example/")]
    [InlineData(null, "https://saved.example", "https://env.example", "https://saved.example/")]
    [InlineData(null, null, "https://env.example", "https://env.example/")]
    [InlineData(null, null, null, "http://127.0.0.1:7800/")]
    public void Resolve_Sources_UsesFlagThenSessionThenEnvironmentThenDefault(string? flag, string? saved, string? environment, string expected)
    {
        var session = saved is null ? null : new SavedSession(saved, "u", "c", "t", DateTimeOffset.UnixEpoch);

        var server = ServerAddress.Resolve(flag, session, name => name == "STRONGROOM_SERVER" ? environment : null);

        Assert.Equal(expected, server.ToString());
    }

    [Theory]
    [InlineData("ftp://hub.example")]
    [InlineData("hub.example")]
    [InlineData("https://user:pw@hub.example")]
    [InlineData("https://hub.example/?x=1")]
    public void Parse_NotAPlainHttpUrl_ThrowsCliException(string value)
    {
        Assert.Throws<CliException>(() => ServerAddress.Parse(value));
    }

    [Fact]
    public void Parse_PathPrefix_KeepsItWithTrailingSlash()
    {
        Assert.Equal("https://hub.example/strongroom/", ServerAddress.Parse("https://hub.example/strongroom").ToString());
    }

    [Theory]
    [InlineData("http://hub.example", true)]
    [InlineData("https://hub.example", false)]
    [InlineData("http://127.0.0.1:7800", false)]
    public void IsCleartextRemote_Address_TrueOnlyForPlainHttpOffThisMachine(string value, bool expected)
    {
        Assert.Equal(expected, ServerAddress.IsCleartextRemote(ServerAddress.Parse(value)));
    }
}
