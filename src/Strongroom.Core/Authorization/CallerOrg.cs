using Strongroom.Core.Hub;

namespace Strongroom.Core.Authorization;

/// <summary>An organization the caller belongs to, with the role, as loaded with the caller's token.</summary>
public sealed record CallerOrg(string Id, string Name, string? Fullname, OrgRole Role);
