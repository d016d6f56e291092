namespace Strongroom.Git.Storage;

/// <summary>One hub repository's bare git directory, known to exist and to belong to the repository it was opened for.</summary>
public sealed record GitRepo(string Path);
