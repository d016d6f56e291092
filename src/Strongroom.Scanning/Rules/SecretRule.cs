using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Rules;

/// <summary>
/// One detection rule: the literal keywords that must appear for it to run, a bounded pattern that is
/// matched only on a small window around a keyword, and the checks a match must pass to become a finding.
/// Each rule carries true- and false-positive examples that the generic rule test runs.
/// </summary>
public sealed class SecretRule
{
    private Regex? _regex;
    private object? _regexLock;

    /// <summary>Stable identifier, kebab-case (for example <c>github-classic-pat</c>).</summary>
    public required string Id { get; init; }

    /// <summary>What the rule finds, in a few words, for reports.</summary>
    public required string Description { get; init; }

    /// <summary>What to do when it is found: shown as help in SARIF.</summary>
    public string Remediation { get; init; } = "Revoke the credential at its issuer, then remove it from the code and its history.";

    /// <summary>How sure a match is.</summary>
    public required Confidence Confidence { get; init; }

    /// <summary>Case-sensitive literals; the pattern runs only where one of them occurs.</summary>
    public required IReadOnlyList<string> Keywords { get; init; }

    /// <summary>
    /// The pattern. A named group <c>secret</c>, when present, is the secret; otherwise the whole match is.
    /// Patterns are bounded (no <c>*</c>, <c>+</c> or <c>{n,}</c>; the only nested repetition is at most
    /// three PEM header lines), and run on a bounded window, so even a backtracking matcher does bounded
    /// work per keyword hit; a test enforces the first and the adversarial-input test checks the second.
    /// </summary>
    public required string Pattern { get; init; }

    /// <summary>Longest possible match, in characters; bounds the window the pattern runs on.</summary>
    public required int MaxLength { get; init; }

    /// <summary>How far before a keyword a match may start (for keywords in the middle of a match).</summary>
    public int LookBehind { get; init; }

    /// <summary>Minimum Shannon entropy (bits per character) of the secret, or 0 for none.</summary>
    public double MinEntropy { get; init; }

    /// <summary>
    /// The character classes the issuer's format implies for the part of the secret after its keyword
    /// (null when the format implies none, or a checksum already decides).
    /// </summary>
    public CharacterMix? Mix { get; init; }

    /// <summary>An optional structural check (a checksum) that the secret must pass.</summary>
    public Func<string, bool>? Validate { get; init; }

    /// <summary>Key material legitimately holds runs of one character (base64 of zero bytes).</summary>
    public bool AllowRepeats { get; init; }

    /// <summary>Rules that are off unless asked for (the generic high-entropy rule).</summary>
    public bool EnabledByDefault { get; init; } = true;

    /// <summary>Texts in which this rule must find a secret.</summary>
    public required IReadOnlyList<string> TruePositives { get; init; }

    /// <summary>Texts in which this rule must find nothing.</summary>
    public required IReadOnlyList<string> FalsePositives { get; init; }

    /// <summary>
    /// A source-generated matcher for <see cref="Pattern"/>: no construction cost at run time. Without
    /// one, <see cref="Regex"/> builds a <see cref="RegexOptions.NonBacktracking"/> matcher on first use.
    /// </summary>
    public Regex? Matcher { get; init; }

    /// <summary>The matcher the engine runs: <see cref="Matcher"/>, else a non-backtracking one built on first use.</summary>
    public Regex Regex => Matcher ?? LazyInitializer.EnsureInitialized(ref _regex, ref _regexLock, () => new Regex(
        Pattern,
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture));

    /// <summary>
    /// What the byte before a keyword must not be, read off the start of the pattern, so the engine can
    /// skip the pattern run where it could only fail (<c>usr_</c> for <c>sr_</c>). Only for rules
    /// whose match starts at the keyword.
    /// </summary>
    internal LeftBoundary KeywordBoundary => LookBehind > 0 ? LeftBoundary.None
        : Pattern.StartsWith(@"\b", StringComparison.Ordinal) || Pattern.StartsWith("(?:^|[^A-Za-z0-9_])", StringComparison.Ordinal) ? LeftBoundary.NotWordCharacter
        : Pattern.StartsWith("(?:^|[^A-Za-z0-9_-])", StringComparison.Ordinal) ? LeftBoundary.NotTokenCharacter
        : LeftBoundary.None;

    /// <summary>Whether the pattern has a <c>secret</c> group that narrows the match.</summary>
    internal bool HasSecretGroup => SecretGroupNumber > 0 || Pattern.Contains("(?<secret>", StringComparison.Ordinal);

    /// <summary>For rules from a configuration: the numbered group that is the secret (gitleaks' <c>secretGroup</c>), or 0.</summary>
    public int SecretGroupNumber { get; init; }

    /// <summary>For rules from a configuration: the rule applies only to paths this regex matches (gitleaks' <c>path</c>).</summary>
    public Regex? PathFilter { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
