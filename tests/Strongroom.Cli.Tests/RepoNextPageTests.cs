using Strongroom.Cli.Repos;

namespace Strongroom.Cli.Tests;

public sealed class RepoNextPageTests
{
    private static readonly Uri Server = new("http://127.0.0.1:7800/");

    [Fact]
    public void NextPage_SameServerLink_ReturnsRelativePathAndQuery() =>
        Assert.Equal("api/models?limit=2&cursor=abc", ListReposCommand.NextPage(Server, "<http://127.0.0.1:7800/api/models?limit=2&cursor=abc>; rel=\"next\""));

    [Fact]
    public void NextPage_OtherHost_ReturnsNullSoTheSessionStaysHome() =>
        Assert.Null(ListReposCommand.NextPage(Server, "<http://evil.example/api/models?cursor=abc>; rel=\"next\""));

    [Theory]
    [InlineData(null)]
    [InlineData("<http://127.0.0.1:7800/api/models?cursor=abc>; rel=\"prev\"")]
    [InlineData("rel=\"next\"")]
    public void NextPage_NoNextLink_ReturnsNull(string? link) => Assert.Null(ListReposCommand.NextPage(Server, link));
}
