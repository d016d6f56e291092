namespace Strongroom.Core.Hub;

/// <summary>
/// An org admin's offer of membership: the user becomes a member only by accepting it, so nobody is put in
/// an org (and its data, and its audit views) without consent. One pending invitation per org and user.
/// </summary>
public sealed class OrgInvitation
{
    /// <summary>How long an invitation can be accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public required string OrgId { get; init; }
    public required string UserId { get; init; }
    public OrgRole Role { get; set; }
    public required string InvitedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
