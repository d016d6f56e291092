namespace Strongroom.Server.Features.Orgs;

public sealed record CreateOrgRequest(string? Name, string? Fullname);

public sealed record OrgCreated(string Id, string Name, string? Fullname);

public sealed record SetMemberRequest(string? Role);

public sealed record MemberView(string User, string Role);

public sealed record TokenPolicy(bool RequireFineGrained, int? MaxLifetimeDays);
