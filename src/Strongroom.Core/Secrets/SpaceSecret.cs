namespace Strongroom.Core.Secrets;

/// <summary>
/// One secret of a Space as stored: its value sealed by <see cref="SecretSealer"/> for
/// (<see cref="RepoId"/>, <see cref="Key"/>, <see cref="Version"/>). Nothing here is secret on its own.
/// </summary>
public sealed class SpaceSecret
{
    /// <summary>The Space's repository id.</summary>
    public required string RepoId { get; init; }
    public required string Key { get; init; }
    public string? Description { get; set; }
    /// <summary>Bumped on every write; bound into the seal, so an older sealed value cannot be replayed.</summary>
    public int Version { get; set; }
    public required byte[] Ciphertext { get; set; }
    public required byte[] WrappedDataKey { get; set; }
    /// <summary>The KMS key version that wrapped <see cref="WrappedDataKey"/>; the rewrap job moves it to the primary.</summary>
    public int KmsKeyVersion { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public SealedSecret Sealed => new(Ciphertext, WrappedDataKey, KmsKeyVersion);
}
