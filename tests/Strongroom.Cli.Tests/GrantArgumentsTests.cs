using Strongroom.Cli.Client;
using Strongroom.Cli.Tokens;

namespace Strongroom.Cli.Tests;

public sealed class GrantArgumentsTests
{
    [Fact]
    public void Parse_ScopesAndGlobal_BuildsTheApiGrant()
    {
        var grant = GrantArguments.Parse(["model:alice/bert=repo.content.read,repo.write", "org:acme=org.read"], ["inference.serverless.write"], false);

        Assert.NotNull(grant);
        Assert.Equal(["inference.serverless.write"], grant.Global);
        Assert.Equal(2, grant.Scoped!.Count);
        Assert.Equal("model", grant.Scoped[0].Entity!.Type);
        Assert.Equal("alice/bert", grant.Scoped[0].Entity!.Name);
        Assert.Equal(["repo.content.read", "repo.write"], grant.Scoped[0].Permissions);
        Assert.Null(grant.CanReadGatedRepos);
    }

    [Fact]
    public void Parse_SameEntityTwice_MergesPermissions()
    {
        var grant = GrantArguments.Parse(["org:acme=org.read", "org:acme=org.write,org.read"], [], false);

        var scoped = Assert.Single(grant!.Scoped!);
        Assert.Equal(["org.read", "org.write"], scoped.Permissions);
    }

    [Fact]
    public void Parse_Nothing_ReturnsNull()
    {
        Assert.Null(GrantArguments.Parse([], [], false));
    }

    [Theory]
    [InlineData("acme=org.read")]
    [InlineData("org:=org.read")]
    [InlineData("org:acme=")]
    [InlineData("org:acme")]
    [InlineData("team:acme=org.read")]
    [InlineData(":acme=org.read")]
    public void ParseScope_Malformed_ThrowsCliException(string value)
    {
        var error = Assert.Throws<CliException>(() => GrantArguments.ParseScope(value));

        Assert.Equal(ExitCodes.Error, error.ExitCode);
    }
}
