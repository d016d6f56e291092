namespace Strongroom.Server.Features.Kms;

/// <summary>The wire shapes of <c>/api/admin/kms</c>.</summary>
public static class KmsContracts
{
    /// <summary>One KMS key version: <c>primary</c>, <c>active</c> or <c>retired</c>, and how many data keys it wraps (Space secrets and webhook signing secrets).</summary>
    public sealed record VersionView(int Version, string State, int WrappedKeys, DateTimeOffset? CreatedAt);

    /// <summary>
    /// The background rewrap: data keys (Space secrets, webhook signing secrets) not yet under the primary version, whether a pass runs,
    /// and rows the last pass could not open.
    /// </summary>
    public sealed record RewrapView(int Pending, bool Running, int? LastFailed);

    public sealed record StatusView(string Provider, int PrimaryVersion, IReadOnlyList<VersionView> Versions, RewrapView Rewrap);

    public sealed record RotateView(int PrimaryVersion, int PreviousVersion);
}
