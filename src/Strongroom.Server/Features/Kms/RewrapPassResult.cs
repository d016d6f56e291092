namespace Strongroom.Server.Features.Kms;

/// <summary>What a rewrap pass (or batch) did.</summary>
/// <param name="Rewrapped">Data keys moved to the primary version.</param>
/// <param name="Conflicts">Rows a user rewrote between read and write (their write already used the primary).</param>
/// <param name="Failed">Rows whose wrapped key did not open, passed over.</param>
/// <param name="RanElsewhere">Another node held the fleet lock and was running the pass, so this one did nothing.</param>
public sealed record RewrapPassResult(int Rewrapped, int Conflicts, int Failed, bool RanElsewhere = false);
