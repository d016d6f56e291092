namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>
/// A generated hub: users, orgs with their policies, current memberships and repositories. Ids are short
/// (u0, o1, r2) so a counterexample reads at a glance.
/// </summary>
public sealed record ModelHub(
    IReadOnlyList<string> Users,
    IReadOnlyList<ModelOrg> Orgs,
    IReadOnlyList<ModelMember> Members,
    IReadOnlyList<ModelRepo> Repos)
{
    public ModelOrg? Org(string id) => Orgs.FirstOrDefault(o => o.Id == id);

    public ModelRepo? Repo(string id) => Repos.FirstOrDefault(r => r.Id == id);

    public bool HasUser(string id) => Users.Contains(id);

    /// <summary>The user's current role in the org; null when not a member (or either is gone).</summary>
    public ModelMember? Membership(string orgId, string? userId) =>
        Members.FirstOrDefault(m => m.OrgId == orgId && m.UserId == userId && HasUser(userId) && Org(orgId) is not null);

    public override string ToString() =>
        $"users [{string.Join(", ", Users)}]; orgs [{string.Join(", ", Orgs)}]; members [{string.Join(", ", Members)}]; repos [{string.Join(", ", Repos)}]";
}
