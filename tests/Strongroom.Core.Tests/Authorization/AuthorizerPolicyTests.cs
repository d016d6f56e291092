using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Tests.Authorization;

public sealed class AuthorizerPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly User Alice = new() { Id = "alice-id", Name = "alice", Email = "a@example.test", PasswordHash = "x" };

    [Theory]
    [InlineData(null, 30, false)]
    [InlineData(31, 30, false)]
    [InlineData(30, 30, true)]
    [InlineData(7, 30, true)]
    public void Decide_OrgMaxLifetime_AllowsOnlyTokensThatExpireWithinIt(int? lifetimeDays, int maxDays, bool allowed)
    {
        var org = new Organization { Id = "org-id", Name = "acme", MaxTokenLifetimeDays = maxDays };
        var token = ClassicWrite(lifetimeDays);
        var facts = new ResourceFacts { Kind = ResourceKind.Repo, Exists = true, Id = "r", Public = false, Org = org, CallerRole = OrgRole.Write };

        var decision = Authorizer.Decide(new Caller(Alice, token), Permissions.RepoWrite, facts);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed ? 200 : 403, decision.Status);
    }

    [Fact]
    public void Decide_ScopedGrantMatchesById_NotByName()
    {
        // A repo re-created under the same name is a different id: an old grant must not cover it.
        var grant = new FineGrainedGrant { Scoped = [new ScopedGrant(new GrantEntity("model", "alice/m", "old-id"), [Permissions.RepoWrite])] };
        var token = new AccessToken { Id = "t", UserId = Alice.Id, Kind = TokenKind.FineGrained, Role = TokenRole.FineGrained, DisplayName = "t", Hash = [], Last4 = "abcd", Grant = grant, CreatedAt = Now };
        var facts = new ResourceFacts { Kind = ResourceKind.Repo, Exists = true, Id = "new-id", OwnerUserId = Alice.Id };

        var decision = Authorizer.Decide(new Caller(Alice, token), Permissions.RepoWrite, facts);

        Assert.Equal(403, decision.Status);
        Assert.Equal("token_scope", decision.Code);
    }

    private static AccessToken ClassicWrite(int? lifetimeDays) => new()
    {
        Id = "t",
        UserId = Alice.Id,
        Kind = TokenKind.Classic,
        Role = TokenRole.Write,
        DisplayName = "t",
        Hash = [],
        Last4 = "abcd",
        CreatedAt = Now,
        ExpiresAt = lifetimeDays is { } d ? Now.AddDays(d) : null,
    };
}
