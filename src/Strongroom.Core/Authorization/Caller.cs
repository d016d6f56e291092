using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Authorization;

/// <summary>
/// Who makes a request: nobody, a person in an interactive session, or a token (personal ones act for their owner).
/// </summary>
public sealed record Caller(User? User, AccessToken? Token)
{
    public static Caller Anonymous { get; } = new(null, null);

    /// <summary>
    /// The user's organizations and roles, ordered by name, loaded with the token and current as of this
    /// node's <see cref="AccessChanges"/>; null when not loaded (sessions), and then asked of storage.
    /// </summary>
    public IReadOnlyList<CallerOrg>? Orgs { get; init; }

    /// <summary>A signed-in person using the web session (never a bearer token).</summary>
    public bool IsInteractive => User is not null && Token is null;

    public bool IsAuthenticated => User is not null || Token is not null;

    /// <summary>The caller's role in an org when <see cref="Orgs"/> is known; false when it must be asked of storage.</summary>
    public bool TryGetRole(string orgId, out OrgRole? role)
    {
        role = null;
        if (Orgs is null)
        {
            return false;
        }

        foreach (var org in Orgs)
        {
            if (org.Id == orgId)
            {
                role = org.Role;
                break;
            }
        }

        return true;
    }
}
