namespace Strongroom.Core.Hub;

/// <summary>A user's membership of an organization.</summary>
public sealed class Membership
{
    public required string OrgId { get; init; }
    public required string UserId { get; init; }
    public OrgRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
