namespace Strongroom.Scanning.Rules;

/// <summary>How sure a rule is that a match is a live credential rather than noise.</summary>
public enum Confidence
{
    /// <summary>A shape that also occurs in non-secrets (generic high-entropy assignments).</summary>
    Low = 0,

    /// <summary>A distinctive shape without a checksum, or a value recognised from its context.</summary>
    Medium = 1,

    /// <summary>A distinctive, vendor-specific prefix or structure.</summary>
    High = 2,

    /// <summary>Verified by a checksum: a false positive is practically impossible.</summary>
    Certain = 3,
}
