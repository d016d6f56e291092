namespace Strongroom.Server.Features.Orgs;

public sealed record CreateOrgRequest(string? Name, string? Fullname);

public sealed record OrgCreated(string Id, string Name, string? Fullname);

public sealed record SetMemberRequest(string? Role);

public sealed record MemberView(string User, string Role);

public sealed record TokenPolicy(bool RequireFineGrained, int? MaxLifetimeDays);

/// <summary>A pending invitation: <c>user</c> becomes <c>role</c> in <c>org</c> once they accept it.</summary>
public sealed record InvitationView(string Org, string User, string Role, string Status, DateTimeOffset ExpiresAt);
