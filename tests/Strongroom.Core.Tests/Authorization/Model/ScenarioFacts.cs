using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>
/// Turns a generated case into the arguments of <see cref="Authorizer.Decide"/>: the caller as the
/// middleware resolves it and the facts as the server's access guard loads them (live membership).
/// </summary>
public static class ScenarioFacts
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static AccessDecision Decide(Scenario scenario) =>
        Authorizer.Decide(ToCaller(scenario.Caller), scenario.Request.Permission, ToFacts(scenario),
            scenario.Request.NeedsAdmin ? AccessLevel.Admin : null);

    public static Caller ToCaller(ModelCaller caller)
    {
        var user = caller.Kind is CallerKind.Anonymous or CallerKind.Workload or CallerKind.Runner || caller.UserId is null
            ? null
            : new User { Id = caller.UserId, Name = caller.UserId, Email = caller.UserId + "@example.test", PasswordHash = "x" };
        if (caller.Kind is CallerKind.Anonymous or CallerKind.Session)
        {
            return new Caller(user, null);
        }

        var (kind, role) = caller.Kind switch
        {
            CallerKind.ClassicRead => (TokenKind.Classic, TokenRole.Read),
            CallerKind.ClassicWrite => (TokenKind.Classic, TokenRole.Write),
            CallerKind.Workload => (TokenKind.Workload, TokenRole.FineGrained),
            CallerKind.Runner => (TokenKind.Runner, TokenRole.FineGrained),
            _ => (TokenKind.FineGrained, TokenRole.FineGrained),
        };
        var grant = new FineGrainedGrant
        {
            Global = caller.Global,
            Scoped = caller.Scoped.Select(s => new ScopedGrant(new GrantEntity(s.EntityType, s.EntityId, s.EntityId), s.Permissions)).ToList(),
        };
        var token = new AccessToken
        {
            Id = "t",
            UserId = user?.Id,
            Kind = kind,
            Role = role,
            DisplayName = "generated",
            Hash = [],
            Last4 = "abcd",
            Grant = grant,
            CreatedAt = CreatedAt,
            ExpiresAt = caller.LifetimeDays is { } days ? CreatedAt.AddDays(days) : null,
        };
        return new Caller(user, token);
    }

    public static ResourceFacts ToFacts(Scenario scenario)
    {
        var (hub, caller, request) = scenario;
        var person = caller.Kind is CallerKind.Session || caller.IsPersonalToken ? caller.UserId : null;
        switch (request.Kind)
        {
            case ResourceKind.Repo when hub.Repo(request.TargetId) is { } repo:
                var org = repo.OwnerIsOrg ? hub.Org(repo.OwnerId) : null;
                return new ResourceFacts
                {
                    Kind = ResourceKind.Repo,
                    Exists = true,
                    Id = repo.Id,
                    Public = !repo.Private,
                    OwnerUserId = repo.OwnerIsOrg ? null : repo.OwnerId,
                    Org = org is null ? null : ToOrganization(org),
                    CallerRole = org is null ? null : hub.Membership(org.Id, person)?.Role,
                };
            case ResourceKind.Org when hub.Org(request.TargetId) is { } target:
                return new ResourceFacts
                {
                    Kind = ResourceKind.Org,
                    Exists = true,
                    Id = target.Id,
                    Public = true,
                    Org = ToOrganization(target),
                    CallerRole = hub.Membership(target.Id, person)?.Role,
                };
            case ResourceKind.User when hub.HasUser(request.TargetId):
                return new ResourceFacts { Kind = ResourceKind.User, Exists = true, Id = request.TargetId, Public = true, OwnerUserId = request.TargetId };
            default:
                return ResourceFacts.Missing(request.Kind);
        }
    }

    private static Organization ToOrganization(ModelOrg org) =>
        new() { Id = org.Id, Name = org.Id, RequireFineGrained = org.RequireFineGrained, MaxTokenLifetimeDays = org.MaxLifetimeDays };
}
