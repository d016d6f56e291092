using Strongroom.Core.Authorization;

namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>A generated request: a permission on a repository, org or user (the target id may name nothing).</summary>
/// <param name="NeedsAdmin">The endpoint asks admin rights beyond the permission (deleting a repository).</param>
public sealed record ModelRequest(string Permission, ResourceKind Kind, string TargetId, bool NeedsAdmin)
{
    public override string ToString() =>
        $"{Permission} on {Kind.ToString().ToLowerInvariant()} {TargetId}{(NeedsAdmin ? " (admin action)" : "")}";
}
