using FsCheck;
using FsCheck.Fluent;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>
/// Generators of small hubs, callers of every kind and requests. Small on purpose: with a handful of
/// users, orgs and repositories, grants and requests often name the same entities.
/// </summary>
public static class ScenarioGen
{
    public const string MissingRepo = "r-gone";
    public const string MissingOrg = "o-gone";
    public const string MissingUser = "u-gone";

    /// <summary>What can be asked of each kind of resource (other services ask through /api/auth/check).</summary>
    public static readonly IReadOnlyDictionary<ResourceKind, string[]> Vocabulary = new Dictionary<ResourceKind, string[]>
    {
        [ResourceKind.Repo] = [Permissions.RepoContentRead, Permissions.RepoWrite, Permissions.RepoSecretsWrite, Permissions.DiscussionWrite],
        [ResourceKind.Org] = [Permissions.OrgRead, Permissions.OrgWrite, Permissions.OrgAuditLogRead, Permissions.RepoWrite],
        [ResourceKind.User] = [Permissions.RepoWrite, "user.webhooks.read", "user.webhooks.write", "user.billing.read", "inference.serverless.write"],
    };

    /// <summary>Permissions a grant names: the whole catalogue, the ones requests use more often.</summary>
    private static readonly string[] Granted = [.. Permissions.BuiltIn.Order(StringComparer.Ordinal), .. Vocabulary.Values.SelectMany(v => v)];

    public static Arbitrary<Scenario> Arbitrary() => Arb.From(Scenario(), ScenarioShrinker.Shrink);

    public static Gen<Scenario> Scenario() =>
        from hub in Hub()
        from caller in Caller(hub)
        from request in Request(hub, caller)
        select new Scenario(hub, caller, request);

    public static Gen<ModelHub> Hub() =>
        from userCount in Gen.Choose(1, 4)
        from orgCount in Gen.Choose(0, 3)
        from orgs in Gen.CollectToArray(Enumerable.Range(0, orgCount), i => Org("o" + i))
        let users = Enumerable.Range(0, userCount).Select(i => "u" + i).ToArray()
        from members in Members(users, orgs)
        from repoCount in Gen.Choose(0, 6)
        from repos in Gen.CollectToArray(Enumerable.Range(0, repoCount), i => Repo("r" + i, users, orgs))
        select new ModelHub(users, orgs, members, repos);

    private static Gen<ModelOrg> Org(string id) =>
        from requireFineGrained in Gen.Elements(false, false, true)
        from maxDays in Gen.Elements<int?>(null, null, 30, 90)
        select new ModelOrg(id, requireFineGrained, maxDays);

    private static Gen<ModelMember[]> Members(string[] users, ModelOrg[] orgs) =>
        Gen.CollectToArray(users.SelectMany(u => orgs.Select(o => (User: u, Org: o.Id))), pair =>
            Gen.Elements<OrgRole?>(null, null, OrgRole.Read, OrgRole.Contributor, OrgRole.Write, OrgRole.Admin)
                .Select(role => role is { } r ? new ModelMember(pair.Org, pair.User, r) : null))
            .Select(members => members.OfType<ModelMember>().ToArray());

    private static Gen<ModelRepo> Repo(string id, string[] users, ModelOrg[] orgs) =>
        from type in Gen.Elements(RepoType.Model, RepoType.Dataset, RepoType.Space)
        from owner in Gen.Elements([.. users.Select(u => (Id: u, IsOrg: false)), .. orgs.Select(o => (Id: o.Id, IsOrg: true))])
        from isPrivate in Gen.Elements(true, false)
        select new ModelRepo(id, type, owner.Id, owner.IsOrg, isPrivate);

    public static Gen<ModelCaller> Caller(ModelHub hub) =>
        from kind in Gen.Frequency(
            (2, Gen.Constant(CallerKind.Anonymous)), (2, Gen.Constant(CallerKind.Session)), (8, Gen.Constant(CallerKind.FineGrained)),
            (2, Gen.Constant(CallerKind.ClassicRead)), (2, Gen.Constant(CallerKind.ClassicWrite)), (3, Gen.Constant(CallerKind.Workload)),
            (1, Gen.Constant(CallerKind.Runner)))
        from user in Gen.Elements(hub.Users.ToArray())
        from global in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2))).SelectMany(n => Gen.ArrayOf(Gen.Elements(Granted), n))
        from scoped in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Scope(hub, user), n))
        from lifetime in Gen.Elements<int?>(null, 7, 30, 31, 365)
        from workload in WorkloadScope(hub)
        select kind switch
        {
            CallerKind.Anonymous or CallerKind.Runner => new ModelCaller(kind, null, [], [], null),
            CallerKind.Session => new ModelCaller(kind, user, [], [], null),
            CallerKind.Workload => new ModelCaller(kind, null, [], [workload], null),
            CallerKind.FineGrained => new ModelCaller(kind, user, global.Distinct().ToArray(), scoped, lifetime),
            _ => new ModelCaller(kind, user, [], [], lifetime),
        };

    private static Gen<ModelScope> Scope(ModelHub hub, string owner) =>
        from entity in Gen.Frequency(
            (2, Gen.Elements(owner, owner, owner, MissingUser).Select(id => ("user", id))),
            (2, Gen.Elements([.. hub.Orgs.Select(o => o.Id), MissingOrg]).Select(id => ("org", id))),
            (3, Gen.Elements([.. hub.Repos.Select(r => (r.EntityType, r.Id)), ("model", MissingRepo)])))
        from count in Gen.Choose(1, 3)
        from permissions in Gen.ArrayOf(Gen.Elements(Granted), count)
        select new ModelScope(entity.Item1, entity.Item2, permissions.Distinct().ToArray());

    /// <summary>A workload token's grant: its Space (or one since deleted), read, and write when the Space allows it.</summary>
    private static Gen<ModelScope> WorkloadScope(ModelHub hub) =>
        from space in Gen.Elements([.. hub.Repos.Where(r => r.Type == RepoType.Space).Select(r => r.Id), MissingRepo])
        from canWrite in Gen.Elements(false, true)
        select new ModelScope("space", space, canWrite ? [Permissions.RepoContentRead, Permissions.RepoWrite] : [Permissions.RepoContentRead]);

    /// <summary>A request, half the time on an entity the caller's grant names (or the repos under it), so grants get exercised.</summary>
    public static Gen<ModelRequest> Request(ModelHub hub, ModelCaller caller) =>
        from kind in Gen.Elements(ResourceKind.Repo, ResourceKind.Repo, ResourceKind.Repo, ResourceKind.Org, ResourceKind.User)
        from granted in Gen.Elements(false, true)
        let near = granted ? NearGrant(hub, caller, kind) : []
        from target in near.Length > 0 ? Gen.Elements(near) : Gen.Elements<string>(kind switch
        {
            ResourceKind.Repo => [.. hub.Repos.Select(r => r.Id), MissingRepo],
            ResourceKind.Org => [.. hub.Orgs.Select(o => o.Id), MissingOrg],
            _ => [.. hub.Users, MissingUser],
        })
        from permission in Gen.Elements(Vocabulary[kind])
        from needsAdmin in Gen.Elements(false, false, false, true)
        select new ModelRequest(permission, kind, target, needsAdmin && kind == ResourceKind.Repo && permission == Permissions.RepoWrite);

    private static string[] NearGrant(ModelHub hub, ModelCaller caller, ResourceKind kind) => kind switch
    {
        ResourceKind.Repo => hub.Repos.Where(r => caller.Scoped.Any(s => s.EntityId == r.Id || s.EntityId == r.OwnerId)).Select(r => r.Id).ToArray(),
        ResourceKind.Org => caller.Scoped.Where(s => s.EntityType == "org").Select(s => s.EntityId).ToArray(),
        _ => caller.Scoped.Where(s => s.EntityType == "user").Select(s => s.EntityId).ToArray(),
    };
}
