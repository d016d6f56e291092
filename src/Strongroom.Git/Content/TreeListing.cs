namespace Strongroom.Git.Content;

/// <summary>A listing at a revision: <see cref="Sha"/> is null when there is no such revision, <see cref="Items"/> when the path is not a directory there.</summary>
public sealed record TreeListing(string? Sha, IReadOnlyList<TreeItem>? Items)
{
    public static TreeListing NoRevision { get; } = new(null, null);
}
