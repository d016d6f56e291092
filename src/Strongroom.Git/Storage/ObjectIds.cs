namespace Strongroom.Git.Storage;

/// <summary>Object ids as git writes them.</summary>
public static class ObjectIds
{
    /// <summary>The all-zero id git uses for "no object": a ref that does not exist yet, or no longer.</summary>
    public const string Zero = "0000000000000000000000000000000000000000";
}
