namespace Strongroom.Core.Sessions;

/// <summary>An attempt that <see cref="LoginThrottle.TryBegin"/> let through and counted.</summary>
/// <param name="Account">The account name as tried, lower-cased (names are unique whatever their case).</param>
/// <param name="Source">The client address.</param>
/// <param name="KnownGood">Whether this source had signed in to this account before.</param>
public sealed record LoginAttempt(string Account, string Source, bool KnownGood = false)
{
    internal string PairKey => "p:" + Account + "\n" + Source;

    internal string AccountKey => "a:" + Account;

    internal string SourceKey => "s:" + Source;
}
