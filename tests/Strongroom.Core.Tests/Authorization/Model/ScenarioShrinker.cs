namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>
/// Smaller versions of a failing case, so a disagreement is reported on as little hub as reproduces it.
/// Every candidate is a hub that could exist: removing an org or user removes its repositories and
/// memberships too, and the caller's own user stays.
/// </summary>
public static class ScenarioShrinker
{
    public static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        var (hub, caller, request) = scenario;

        foreach (var repo in hub.Repos)
        {
            yield return scenario with { Hub = hub with { Repos = Without(hub.Repos, repo) } };
        }

        foreach (var org in hub.Orgs)
        {
            yield return scenario with { Hub = WithoutOwner(hub, org.Id) with { Orgs = Without(hub.Orgs, org) } };
        }

        foreach (var user in hub.Users.Where(u => u != caller.UserId))
        {
            yield return scenario with { Hub = WithoutOwner(hub, user) with { Users = Without(hub.Users, user) } };
        }

        foreach (var member in hub.Members)
        {
            yield return scenario with { Hub = hub with { Members = Without(hub.Members, member) } };
        }

        foreach (var org in hub.Orgs)
        {
            if (org.RequireFineGrained)
            {
                yield return scenario with { Hub = hub with { Orgs = Replace(hub.Orgs, org, org with { RequireFineGrained = false }) } };
            }

            if (org.MaxLifetimeDays is not null)
            {
                yield return scenario with { Hub = hub with { Orgs = Replace(hub.Orgs, org, org with { MaxLifetimeDays = null }) } };
            }
        }

        foreach (var smaller in ShrinkCaller(caller))
        {
            yield return scenario with { Caller = smaller };
        }

        if (request.NeedsAdmin)
        {
            yield return scenario with { Request = request with { NeedsAdmin = false } };
        }
    }

    private static IEnumerable<ModelCaller> ShrinkCaller(ModelCaller caller)
    {
        foreach (var permission in caller.Global)
        {
            yield return caller with { Global = Without(caller.Global, permission) };
        }

        foreach (var scope in caller.Scoped)
        {
            if (caller.Kind != CallerKind.Workload)
            {
                yield return caller with { Scoped = Without(caller.Scoped, scope) };
            }

            foreach (var permission in scope.Permissions.Skip(scope.Permissions.Count > 1 ? 0 : 1))
            {
                yield return caller with { Scoped = Replace(caller.Scoped, scope, scope with { Permissions = Without(scope.Permissions, permission) }) };
            }
        }

        if (caller.LifetimeDays is not null)
        {
            yield return caller with { LifetimeDays = null };
        }
    }

    private static ModelHub WithoutOwner(ModelHub hub, string ownerId) => hub with
    {
        Repos = hub.Repos.Where(r => r.OwnerId != ownerId).ToArray(),
        Members = hub.Members.Where(m => m.OrgId != ownerId && m.UserId != ownerId).ToArray(),
    };

    private static T[] Without<T>(IReadOnlyList<T> items, T item) => items.Where(i => !Equals(i, item)).ToArray();

    private static T[] Replace<T>(IReadOnlyList<T> items, T old, T replacement) => items.Select(i => Equals(i, old) ? replacement : i).ToArray();
}
