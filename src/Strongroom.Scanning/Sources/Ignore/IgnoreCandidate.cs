namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>A pattern in a <see cref="CharBuckets"/> list; <paramref name="Suffix"/> for <c>*suffix</c> patterns.</summary>
internal readonly record struct IgnoreCandidate(IgnorePattern Pattern, string Suffix);
