using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Engine;

/// <summary>
/// One secret found at one place. <see cref="Secret"/> holds the raw value in memory only, so callers can
/// verify or revoke it; reports must use <see cref="Masked"/> and <see cref="Fingerprint"/> instead.
/// </summary>
public sealed record Finding
{
    /// <summary>The rule that matched.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule's description.</summary>
    public required string Description { get; init; }

    /// <summary>The rule's confidence.</summary>
    public required Confidence Confidence { get; init; }

    /// <summary>Where: a file path, <c>archive!entry</c>, a git path, or <c>-</c> for stdin.</summary>
    public required string Path { get; init; }

    /// <summary>1-based line of the secret's first character.</summary>
    public required long Line { get; init; }

    /// <summary>1-based column (in bytes) of the secret's first character.</summary>
    public required int Column { get; init; }

    /// <summary>Byte offset of the secret's first character in its input.</summary>
    public required long Offset { get; init; }

    /// <summary>The raw secret. Never print or store it.</summary>
    public required string Secret { get; init; }

    /// <summary>The commit that introduced it, for git history scans.</summary>
    public string? Commit { get; init; }

    /// <summary>
    /// <c>base64</c> when the secret was found by decoding an encoded value; the location is then the
    /// encoded value's start.
    /// </summary>
    public string? Encoding { get; init; }

    /// <summary>The secret with all but its first few characters hidden.</summary>
    public string Masked => Masking.Mask(Secret);

    /// <summary>A stable, non-reversible identifier of the rule and secret, for baselines and SARIF.</summary>
    public string Fingerprint => Masking.Fingerprint(RuleId, Secret);
}
