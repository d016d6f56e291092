namespace Strongroom.Server.Features.Kms;

/// <summary>What the rewrap reads of one secret: its identity, the versions it was read at, and its wrapped key (never the value).</summary>
internal sealed record RewrapRow(string RepoId, string Key, int Version, byte[] WrappedDataKey, int KmsKeyVersion);
