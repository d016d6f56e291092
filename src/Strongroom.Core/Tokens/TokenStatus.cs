namespace Strongroom.Core.Tokens;

/// <summary>The life-cycle state of a stored token. Expiry is computed from the clock, not stored.</summary>
public enum TokenStatus
{
    Active = 1,
    Revoked = 2,
    /// <summary>Found in public content and revoked for it.</summary>
    Leaked = 3,
}
