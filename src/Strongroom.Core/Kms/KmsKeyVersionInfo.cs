namespace Strongroom.Core.Kms;

/// <summary>A key version and its state, as listed by <see cref="IKeyEncryptionService.ListVersions"/>.</summary>
/// <param name="Version">The version number, from 1.</param>
/// <param name="State">Primary, active or retired.</param>
/// <param name="CreatedAt">When the version was created, if the provider records it.</param>
public sealed record KmsKeyVersionInfo(int Version, KmsKeyState State, DateTimeOffset? CreatedAt);
