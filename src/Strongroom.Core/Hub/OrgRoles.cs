namespace Strongroom.Core.Hub;

/// <summary>The wire names of <see cref="OrgRole"/>.</summary>
public static class OrgRoles
{
    public static bool TryParse(string? value, out OrgRole role)
    {
        switch (value)
        {
            case "read": role = OrgRole.Read; return true;
            case "contributor": role = OrgRole.Contributor; return true;
            case "write": role = OrgRole.Write; return true;
            case "admin": role = OrgRole.Admin; return true;
            default: role = default; return false;
        }
    }
}
