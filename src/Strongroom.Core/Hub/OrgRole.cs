namespace Strongroom.Core.Hub;

/// <summary>A member's role in an organization, weakest first (the order is used for comparisons).</summary>
public enum OrgRole
{
    Read = 1,
    Contributor = 2,
    Write = 3,
    Admin = 4,
}
