namespace Strongroom.Git.History;

/// <summary>A blob of a walk through history, with the first path it was seen at.</summary>
public sealed record WalkedBlob(string Oid, string Path, long Size);
