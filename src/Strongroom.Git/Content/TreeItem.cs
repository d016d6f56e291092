namespace Strongroom.Git.Content;

/// <summary>One entry of a tree listing, in the hub's shape: <c>type</c> is <c>file</c> or <c>directory</c>; a directory's size is 0.</summary>
public sealed record TreeItem(string Type, string Oid, long Size, string Path);
