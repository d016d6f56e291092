using Strongroom.Scanning.Engine;

namespace Strongroom.Server.Features.Leaks.Sweeps;

/// <summary>A finding and the blob it is in (to look up the commit that added it).</summary>
public sealed record SweepFinding(Finding Finding, string BlobOid);
