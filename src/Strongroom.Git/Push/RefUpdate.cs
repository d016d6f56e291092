using Strongroom.Git.Storage;

namespace Strongroom.Git.Push;

/// <summary>One ref a push moves: from <see cref="OldSha"/> to <see cref="NewSha"/> (40 zeros: created, or deleted).</summary>
public sealed record RefUpdate(string OldSha, string NewSha, string RefName)
{
    public bool IsDelete => NewSha == ObjectIds.Zero;

    public bool IsCreate => OldSha == ObjectIds.Zero;
}
