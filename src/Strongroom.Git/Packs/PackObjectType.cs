namespace Strongroom.Git.Packs;

/// <summary>The type field of a pack entry's header (git's <c>OBJ_*</c> values).</summary>
public enum PackObjectType
{
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
    OffsetDelta = 6,
    ReferenceDelta = 7,
}
