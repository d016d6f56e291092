namespace Strongroom.Server.Features.Repos;

/// <summary>Configuration section <c>Repos</c>: limits on what repositories accept.</summary>
public sealed class RepoOptions
{
    public const string Section = "Repos";

    /// <summary>Largest file the commit API accepts (regular files only: there is no LFS).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest commit API request body (its files are base64, a third larger than their bytes).</summary>
    public long MaxCommitBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Largest pack a <c>git push</c> may send.</summary>
    public long MaxPushBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Push protection on both ways in. Off, nothing a write adds is scanned and a live token can be pushed:
    /// for measuring what protection costs, or importing history one trusts; the server warns at start.
    /// </summary>
    public bool PushProtection { get; set; } = true;

    /// <summary>Entries per page of a tree listing (the rest follow through the <c>Link</c> header).</summary>
    public int TreePageSize { get; set; } = 1000;

    /// <summary>
    /// Files and directories kept in memory across the tree listings and file lists read at a commit (a few hundred
    /// bytes each); 0 reads every listing from git.
    /// </summary>
    public long ListingCacheEntries { get; set; } = 100_000;
}
