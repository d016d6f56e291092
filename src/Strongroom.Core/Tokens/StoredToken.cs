using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;

namespace Strongroom.Core.Tokens;

/// <summary>A token as verification loads it: the token, its owner (null for non-personal tokens) and the owner's orgs, ordered by name.</summary>
public sealed record StoredToken(AccessToken Token, User? Owner, IReadOnlyList<CallerOrg> Orgs);
