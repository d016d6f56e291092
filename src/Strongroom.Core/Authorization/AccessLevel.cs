namespace Strongroom.Core.Authorization;

/// <summary>What a person may do to a resource right now, from ownership and live membership; ordered.</summary>
public enum AccessLevel
{
    /// <summary>Cannot see it: answered as absent.</summary>
    None = 0,
    /// <summary>Can read it because it is public.</summary>
    PublicRead = 1,
    Read = 2,
    Contributor = 3,
    Write = 4,
    Admin = 5,
}
