namespace Strongroom.Git.Packs;

/// <summary>
/// One object of a pack as its header describes it: a whole object of <see cref="Type"/>, or a delta of
/// <see cref="Size"/> bytes (the delta itself, not its result) against the entry at <see cref="BaseOffset"/>.
/// </summary>
/// <param name="Offset">Where the entry starts in the pack.</param>
/// <param name="DataStart">Where its zlib-compressed data starts.</param>
/// <param name="DataEnd">Where the next entry (or the pack's trailer) starts.</param>
/// <param name="BaseOffset">The base's offset for a delta whose base is in the pack; -1 otherwise.</param>
/// <param name="Index">Its position in the pack index, which names its id.</param>
public readonly record struct PackEntry(long Offset, PackObjectType Type, long Size, long DataStart, long DataEnd, long BaseOffset, int Index)
{
    public bool IsDelta => Type is PackObjectType.OffsetDelta or PackObjectType.ReferenceDelta;
}
