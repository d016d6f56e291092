namespace Strongroom.Git.Content;

/// <summary>A file at a commit: its blob id (the ETag), its size, and its bytes, readable while the <see cref="GitContent"/> it came from is open.</summary>
public sealed record RepoFile(string Oid, long Size, Stream Content);
