namespace Strongroom.Git.Push;

/// <summary>One ref a push moves: from <see cref="OldSha"/> to <see cref="NewSha"/> (40 zeros: created, or deleted).</summary>
public sealed record RefUpdate(string OldSha, string NewSha, string RefName)
{
    public const string ZeroOid = "0000000000000000000000000000000000000000";

    public bool IsDelete => NewSha == ZeroOid;

    public bool IsCreate => OldSha == ZeroOid;
}
