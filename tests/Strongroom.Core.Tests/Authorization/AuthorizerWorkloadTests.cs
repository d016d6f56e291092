using Strongroom.Core.Authorization;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Tests.Authorization;

/// <summary>Workload and runner tokens act for no person: what they may do is decided apart from member rights.</summary>
public sealed class AuthorizerWorkloadTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static AccessToken Token(TokenKind kind, params string[] permissions) => new()
    {
        Id = "t",
        Kind = kind,
        Role = TokenRole.FineGrained,
        DisplayName = "t",
        Hash = [],
        Last4 = "abcd",
        CreatedAt = Now,
        Grant = new FineGrainedGrant { Scoped = [new ScopedGrant(new GrantEntity("space", "acme/demo", "space-id"), permissions)] },
    };

    private static ResourceFacts Repo(string id, bool isPublic) =>
        new() { Kind = ResourceKind.Repo, Exists = true, Id = id, Public = isPublic, OwnerUserId = "owner" };

    [Theory]
    [InlineData("space-id", false, Permissions.RepoContentRead, 200, "allowed")]
    [InlineData("space-id", true, Permissions.RepoContentRead, 200, "allowed")]
    [InlineData("space-id", false, Permissions.RepoWrite, 403, "token_scope")]
    [InlineData("space-id", false, Permissions.RepoSecretsWrite, 403, "token_scope")]
    [InlineData("other-id", false, Permissions.RepoContentRead, 404, "not_found")]
    [InlineData("other-id", true, Permissions.RepoContentRead, 403, "workload_scope")]
    public void Decide_WorkloadReadOnly_ActsOnItsOwnSpaceAlone(string repoId, bool isPublic, string permission, int status, string code)
    {
        var decision = Authorizer.Decide(new Caller(null, Token(TokenKind.Workload, Permissions.RepoContentRead)), permission, Repo(repoId, isPublic));

        Assert.Equal(status, decision.Status);
        Assert.Equal(code, decision.Code);
    }

    [Fact]
    public void Decide_WorkloadWithWrite_WritesItsSpaceButNeverAdministersIt()
    {
        var caller = new Caller(null, Token(TokenKind.Workload, Permissions.RepoContentRead, Permissions.RepoWrite));

        Assert.True(Authorizer.Decide(caller, Permissions.RepoWrite, Repo("space-id", false)).Allowed);
        Assert.Equal("workload_scope", Authorizer.Decide(caller, Permissions.RepoWrite, Repo("space-id", false), AccessLevel.Admin).Code);
        Assert.False(Authorizer.Decide(caller, Permissions.OrgRead, new ResourceFacts { Kind = ResourceKind.Org, Exists = true, Id = "org", Public = true }).Allowed);
    }

    [Fact]
    public void Decide_RunnerCredential_IsAllowedNothingThroughTheDecision()
    {
        var caller = new Caller(null, Token(TokenKind.Runner));

        Assert.Equal(403, Authorizer.Decide(caller, Permissions.RepoContentRead, Repo("space-id", true)).Status);
        Assert.Equal(404, Authorizer.Decide(caller, Permissions.RepoContentRead, Repo("space-id", false)).Status);
    }
}
