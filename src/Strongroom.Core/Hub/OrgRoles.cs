namespace Strongroom.Core.Hub;

/// <summary>The wire names of <see cref="OrgRole"/>.</summary>
public static class OrgRoles
{
    /// <summary>The wire name; a value outside the enum (which storage cannot produce) is an error, not a guess.</summary>
    public static string ToWord(this OrgRole role) => role switch
    {
        OrgRole.Read => "read",
        OrgRole.Contributor => "contributor",
        OrgRole.Write => "write",
        OrgRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown org role"),
    };

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
