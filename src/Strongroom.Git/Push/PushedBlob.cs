namespace Strongroom.Git.Push;

/// <summary>A blob a push adds, with the first path it was seen at.</summary>
public sealed record PushedBlob(string Oid, string Path, long Size);
