using Strongroom.Core.Hub;

namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>A user's current role in an org of a generated hub.</summary>
public sealed record ModelMember(string OrgId, string UserId, OrgRole Role)
{
    public override string ToString() => $"{UserId}@{OrgId}:{Role.ToString().ToLowerInvariant()}";
}
