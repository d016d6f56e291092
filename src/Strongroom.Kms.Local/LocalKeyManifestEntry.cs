namespace Strongroom.Kms.Local;

/// <summary>One key version in <see cref="LocalKeyManifest"/>.</summary>
/// <param name="Version">The version number, from 1.</param>
/// <param name="CreatedAt">When the version was created.</param>
/// <param name="Retired">Whether the version was retired.</param>
/// <param name="RetiredAt">When it was retired.</param>
internal sealed record LocalKeyManifestEntry(int Version, DateTimeOffset CreatedAt, bool Retired, DateTimeOffset? RetiredAt);
